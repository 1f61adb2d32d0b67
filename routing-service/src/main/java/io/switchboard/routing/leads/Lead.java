package io.switchboard.routing.leads;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.routing.LeadStatusChanged;
import io.switchboard.messaging.change.PendingEvent;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.leadstatus.LeadStatus;
import io.switchboard.routing.leadstatus.LeadStatusList;
import io.switchboard.routing.work.WorkItem;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A lead: its work item (assignment state, source, status id) and its status transitions. An open lead (queued
 * or assigned) may move to any status; one whose outcome is WON or LOST closes it. A closed lead's status does
 * not change any more (409 lead-closed): so every {@code routing.lead.status-changed} with outcome WON or LOST
 * is the close of an open lead, which is what the dashboards count. Moving to the status it has changes nothing.
 */
record Lead(WorkItem item) {

    /** A status change: from, to, whether it closes the lead, and its one event. */
    record StatusChange(LeadStatus from, LeadStatus to, boolean closes, PendingEvent<LeadStatusChanged> event) {
    }

    /** The change to {@code toStatusId} ({@code list} the organization's statuses); empty when it is the status the lead has. */
    Optional<StatusChange> changeStatus(LeadStatusList list, String toStatusId, UUID by, Instant at) {
        LeadStatus to = list.require("statusId", toStatusId);
        if (to.id().equals(item.statusId())) {
            return Optional.empty();
        }
        LeadStatus from = list.find(item.statusId()).orElse(new LeadStatus(item.statusId(), null, null));
        if (!item.isOpen()) {
            throw RoutingProblems.conflict("lead-closed", "This lead is closed (" + item.statusId() + "); its status does not change any more.",
                    "statusId", "cannot change: the lead is closed");
        }
        boolean closes = to.outcome().closes();
        return Optional.of(new StatusChange(from, to, closes, PendingEvent.of(EventCatalog.ROUTING_LEAD_STATUS_CHANGED,
                new LeadStatusChanged(item.orgId(), item.id(), item.portalId(), item.teamId(), item.assigneeId(), item.statusId(), to.id(),
                        to.outcome().name(), by, item.openedAt(), at))));
    }
}
