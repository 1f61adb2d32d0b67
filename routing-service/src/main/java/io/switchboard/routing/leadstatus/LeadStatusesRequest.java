package io.switchboard.routing.leadstatus;

import java.util.List;
import java.util.Map;

/**
 * The whole ordered list replacing the organization's lead statuses; {@code moves} maps a removed status id to
 * the status its leads move to. The rules are {@link LeadStatusList}'s.
 */
record LeadStatusesRequest(List<LeadStatusList.Wanted> statuses, Map<String, String> moves) {
}
