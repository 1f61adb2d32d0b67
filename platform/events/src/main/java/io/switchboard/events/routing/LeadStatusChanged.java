package io.switchboard.events.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * A lead moved from one status to another (ids of the organization's lead statuses; names in
 * {@code routing.lead-statuses.updated}). {@code outcome} is the new status's: OPEN, WON or LOST; WON and LOST
 * close the lead, and {@code assigneeId} (null if it was queued) has its lead capacity back.
 */
public record LeadStatusChanged(UUID orgId, UUID workId, UUID portalId, UUID teamId, UUID assigneeId, String fromStatusId,
                                String toStatusId, String outcome, UUID changedBy, Instant openedAt, Instant changedAt) {
}
