package io.switchboard.routing.work;

import io.switchboard.events.routing.WorkAssigned;
import io.switchboard.events.routing.WorkClosed;
import io.switchboard.events.routing.WorkQueued;
import io.switchboard.events.routing.WorkUnassigned;
import io.switchboard.messaging.change.PendingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A conversation (or lead) and its assignment state. Its transitions answer the event they raise; the claim
 * itself is one SQL statement ({@link Claims}), which this type does not repeat.
 */
public record WorkItem(UUID id, UUID orgId, Kind kind, String externalId, UUID portalId, UUID teamId, UUID clientId, String channel,
                       WorkStatus status, UUID assigneeId, long queueSeq, String customerName, String subject, Instant openedAt,
                       Instant assignedAt, Instant closedAt, Instant lastReplyAt) {

    /** The FIFO queue it waits in: same portal, team, channel and client. */
    public record QueueKey(UUID portalId, UUID teamId, String channel, UUID clientId) {
    }

    public QueueKey queueKey() {
        return new QueueKey(portalId, teamId, channel, clientId);
    }

    public boolean isOpen() {
        return status != WorkStatus.CLOSED;
    }

    /** The scope whose round-robin turn order applies: its team, or its portal when it targets none. */
    public UUID rotationScope() {
        return teamId != null ? teamId : portalId;
    }

    PendingEvent<WorkQueued> queued(int position, String reason, Instant at) {
        return PendingEvent.of(kind.queued, new WorkQueued(orgId, kind.name(), id, externalId, portalId, teamId, clientId, channel,
                position, reason, at));
    }

    PendingEvent<WorkAssigned> assigned(UUID assignee, UUID previous, String by, UUID assignedBy, int openOnChannel, int capacity, Instant at) {
        return PendingEvent.of(kind.assigned, new WorkAssigned(orgId, kind.name(), id, externalId, portalId, teamId, clientId, channel,
                assignee, previous, by, assignedBy, openOnChannel, capacity, Math.max(0, Duration.between(openedAt, at).toMillis()), at));
    }

    /** Taken from its assignee: by a manager (MANUAL: unassigned) or by the platform (any other reason: rerouted). */
    PendingEvent<WorkUnassigned> takenBack(String reason, UUID by, Instant at) {
        var type = "MANUAL".equals(reason) ? kind.unassigned : kind.rerouted;
        return PendingEvent.of(type, new WorkUnassigned(orgId, kind.name(), id, portalId, teamId, channel, assigneeId, reason, by, at));
    }

    PendingEvent<WorkClosed> closed(UUID by, Instant at) {
        return PendingEvent.of(kind.closed, new WorkClosed(orgId, kind.name(), id, externalId, portalId, teamId, channel, assigneeId, by,
                openedAt, at));
    }

    WorkItem withStatus(WorkStatus newStatus, UUID newAssignee) {
        return new WorkItem(id, orgId, kind, externalId, portalId, teamId, clientId, channel, newStatus, newAssignee, queueSeq,
                customerName, subject, openedAt, assignedAt, closedAt, lastReplyAt);
    }

    WorkItem assignedTo(UUID assignee, Instant at) {
        return new WorkItem(id, orgId, kind, externalId, portalId, teamId, clientId, channel, WorkStatus.ASSIGNED, assignee, queueSeq,
                customerName, subject, openedAt, at, closedAt, lastReplyAt);
    }

    WorkItem inPortal(UUID newPortal) {
        return new WorkItem(id, orgId, kind, externalId, newPortal, null, clientId, channel, status, assigneeId, queueSeq,
                customerName, subject, openedAt, assignedAt, closedAt, lastReplyAt);
    }
}
