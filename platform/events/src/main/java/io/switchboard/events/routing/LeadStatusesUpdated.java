package io.switchboard.events.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The organization's lead statuses as they are now, in order. A status keeps its {@code id} when renamed;
 * {@code outcome} is OPEN, WON or LOST. {@code moved}: for each removed status that still had leads, the status
 * its leads were moved to (their history keeps the old id).
 */
public record LeadStatusesUpdated(UUID orgId, List<Status> statuses, List<Move> moved, UUID updatedBy, Instant updatedAt) {

    public record Status(String id, String name, String outcome) {
    }

    public record Move(String fromStatusId, String toStatusId, int leads) {
    }
}
