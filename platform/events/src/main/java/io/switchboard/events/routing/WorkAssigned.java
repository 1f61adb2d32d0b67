package io.switchboard.events.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation (or lead: {@code kind}) now belongs to {@code assigneeId}. {@code by}: AUTO (a strategy chose),
 * MANUAL (someone assigned it within the rules), FORCED (an admin assigned it past capacity or the profile).
 * {@code previousAssigneeId} is set on a reassignment. {@code openOnChannel} and {@code capacity} are the
 * assignee's open work on that channel after this assignment and their capacity there (for dashboards).
 * {@code waitedMillis}: how long it waited since it was opened.
 */
public record WorkAssigned(UUID orgId, String kind, UUID workId, String externalId, UUID portalId, UUID teamId, UUID clientId,
                           String channel, UUID assigneeId, UUID previousAssigneeId, String by, UUID assignedBy,
                           int openOnChannel, int capacity, long waitedMillis, Instant assignedAt) {
}
