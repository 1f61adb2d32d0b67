package io.switchboard.routing.work;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventType;
import io.switchboard.events.routing.WorkAssigned;
import io.switchboard.events.routing.WorkClosed;
import io.switchboard.events.routing.WorkQueued;
import io.switchboard.events.routing.WorkUnassigned;

/**
 * What is routed. Conversations and leads share the claim, the queues and the events' shapes; each kind has its
 * own event types on routing.assignments.v1.
 */
public enum Kind {
    CONVERSATION(EventCatalog.ROUTING_CONVERSATION_QUEUED, EventCatalog.ROUTING_CONVERSATION_ASSIGNED,
            EventCatalog.ROUTING_CONVERSATION_UNASSIGNED, EventCatalog.ROUTING_CONVERSATION_REROUTED, EventCatalog.ROUTING_CONVERSATION_CLOSED);

    final EventType<WorkQueued> queued;
    final EventType<WorkAssigned> assigned;
    final EventType<WorkUnassigned> unassigned;
    final EventType<WorkUnassigned> rerouted;
    final EventType<WorkClosed> closed;

    Kind(EventType<WorkQueued> queued, EventType<WorkAssigned> assigned, EventType<WorkUnassigned> unassigned,
         EventType<WorkUnassigned> rerouted, EventType<WorkClosed> closed) {
        this.queued = queued;
        this.assigned = assigned;
        this.unassigned = unassigned;
        this.rerouted = rerouted;
        this.closed = closed;
    }
}
