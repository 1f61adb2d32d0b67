package io.switchboard.routing.work;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.routing.LeadAssigned;
import io.switchboard.events.routing.LeadQueued;
import io.switchboard.events.routing.WorkAssigned;
import io.switchboard.events.routing.WorkClosed;
import io.switchboard.events.routing.WorkQueued;
import io.switchboard.events.routing.WorkUnassigned;
import io.switchboard.messaging.change.PendingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A conversation or lead and its assignment state. Its transitions answer the event they raise, in the shape of
 * its kind (a lead's queued and assigned events carry its source and status; its channel is
 * {@link Kind#LEAD_CHANNEL}, null in its events); the claim itself is one SQL statement ({@link Claims}), which
 * this type does not repeat. {@code source} and {@code statusId} are a lead's (null for a conversation).
 */
public record WorkItem(UUID id, UUID orgId, Kind kind, String externalId, UUID portalId, UUID teamId, UUID clientId, String channel,
                       WorkStatus status, UUID assigneeId, long queueSeq, String customerName, String subject, Instant openedAt,
                       Instant assignedAt, Instant closedAt, Instant lastReplyAt, String source, String statusId, UUID unassignedFrom) {

    public WorkItem(UUID id, UUID orgId, Kind kind, String externalId, UUID portalId, UUID teamId, UUID clientId, String channel,
                    WorkStatus status, UUID assigneeId, long queueSeq, String customerName, String subject, Instant openedAt,
                    Instant assignedAt, Instant closedAt, Instant lastReplyAt) {
        this(id, orgId, kind, externalId, portalId, teamId, clientId, channel, status, assigneeId, queueSeq, customerName, subject, openedAt,
                assignedAt, closedAt, lastReplyAt, null, null, null);
    }

    public WorkItem(UUID id, UUID orgId, Kind kind, String externalId, UUID portalId, UUID teamId, UUID clientId, String channel,
                    WorkStatus status, UUID assigneeId, long queueSeq, String customerName, String subject, Instant openedAt,
                    Instant assignedAt, Instant closedAt, Instant lastReplyAt, String source, String statusId) {
        this(id, orgId, kind, externalId, portalId, teamId, clientId, channel, status, assigneeId, queueSeq, customerName, subject, openedAt,
                assignedAt, closedAt, lastReplyAt, source, statusId, null);
    }

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

    PendingEvent<?> queued(int position, String reason, Instant at) {
        return switch (kind) {
            case CONVERSATION -> PendingEvent.of(EventCatalog.ROUTING_CONVERSATION_QUEUED, new WorkQueued(orgId, kind.name(), id, externalId,
                    portalId, teamId, clientId, channel, position, reason, openedAt, at));
            case LEAD -> PendingEvent.of(EventCatalog.ROUTING_LEAD_QUEUED, new LeadQueued(orgId, id, externalId, portalId, teamId, clientId,
                    source, statusId, position, reason, openedAt, at));
        };
    }

    /**
     * Now {@code assignee}'s; {@code openOnChannel} is their open work on its channel after it (a lead: their open
     * leads), {@code capacity} the capacity there (a lead: null where leads are not capacity-bound).
     */
    PendingEvent<?> assigned(UUID assignee, UUID previous, String by, UUID assignedBy, int openOnChannel, Integer capacity, Instant at) {
        long waited = Math.max(0, Duration.between(openedAt, at).toMillis());
        return switch (kind) {
            case CONVERSATION -> PendingEvent.of(EventCatalog.ROUTING_CONVERSATION_ASSIGNED, new WorkAssigned(orgId, kind.name(), id, externalId,
                    portalId, teamId, clientId, channel, assignee, previous, by, assignedBy, openOnChannel, capacity == null ? 0 : capacity, waited, at));
            case LEAD -> PendingEvent.of(EventCatalog.ROUTING_LEAD_ASSIGNED, new LeadAssigned(orgId, id, externalId, portalId, teamId, clientId,
                    source, statusId, assignee, previous, by, assignedBy, openOnChannel, capacity, openedAt, waited, at));
        };
    }

    /** Taken from its assignee: by a manager (MANUAL: unassigned) or by the platform (any other reason: rerouted). */
    PendingEvent<WorkUnassigned> takenBack(String reason, UUID by, Instant at) {
        var type = "MANUAL".equals(reason) ? kind.unassigned : kind.rerouted;
        return PendingEvent.of(type, new WorkUnassigned(orgId, kind.name(), id, portalId, teamId, kind == Kind.LEAD ? null : channel, assigneeId,
                reason, by, at));
    }

    /** A conversation's close; a lead closes by its status ({@code routing.lead.status-changed}, raised by the leads package). */
    PendingEvent<WorkClosed> closed(UUID by, Instant at) {
        if (kind != Kind.CONVERSATION) {
            throw new IllegalStateException("a " + kind.noun + " closes by its own event");
        }
        return PendingEvent.of(EventCatalog.ROUTING_CONVERSATION_CLOSED, new WorkClosed(orgId, kind.name(), id, externalId, portalId, teamId, channel, assigneeId, by,
                openedAt, at));
    }

    /** Taken from its assignee by a manager: queued again at its place, and not to be routed back to them. */
    WorkItem unassigned() {
        return new WorkItem(id, orgId, kind, externalId, portalId, teamId, clientId, channel, WorkStatus.QUEUED, null, queueSeq,
                customerName, subject, openedAt, null, closedAt, lastReplyAt, source, statusId, assigneeId);
    }

    WorkItem assignedTo(UUID assignee, Instant at) {
        return new WorkItem(id, orgId, kind, externalId, portalId, teamId, clientId, channel, WorkStatus.ASSIGNED, assignee, queueSeq,
                customerName, subject, openedAt, at, closedAt, lastReplyAt, source, statusId, null);
    }

    WorkItem inPortal(UUID newPortal) {
        return new WorkItem(id, orgId, kind, externalId, newPortal, null, clientId, channel, status, assigneeId, queueSeq,
                customerName, subject, openedAt, assignedAt, closedAt, lastReplyAt, source, statusId, unassignedFrom);
    }
}
