package io.switchboard.events.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * A lead now belongs to {@code assigneeId}; {@code by} and {@code previousAssigneeId} as for conversations.
 * {@code openLeads} is how many open leads the assignee holds after it; {@code leadCapacity} their lead capacity
 * where leads are capacity-bound, null where they are not. {@code waitedMillis}: since the lead was opened.
 */
public record LeadAssigned(UUID orgId, UUID workId, String externalId, UUID portalId, UUID teamId, UUID clientId, String source,
                           String statusId, UUID assigneeId, UUID previousAssigneeId, String by, UUID assignedBy,
                           int openLeads, Integer leadCapacity, Instant openedAt, long waitedMillis, Instant assignedAt) {
}
