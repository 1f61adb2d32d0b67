package io.switchboard.routing.leadstatus;

import java.util.List;

/** The organization's lead statuses in order: {@code {statuses: [{id, name, outcome}]}}. */
record LeadStatusesView(List<LeadStatus> statuses) {

    static LeadStatusesView of(LeadStatusList list) {
        return new LeadStatusesView(list.statuses());
    }
}
