package io.switchboard.routing.work;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventType;
import io.switchboard.events.routing.WorkUnassigned;

/**
 * What is routed. Conversations and leads share the claim, the queues and the write path; each kind has its own
 * event types on routing.assignments.v1 ({@link WorkItem} raises them). A lead waits and is counted on the
 * pseudo-channel {@link #LEAD_CHANNEL}.
 */
public enum Kind {
    CONVERSATION("conversation", EventCatalog.ROUTING_CONVERSATION_UNASSIGNED, EventCatalog.ROUTING_CONVERSATION_REROUTED),
    LEAD("lead", EventCatalog.ROUTING_LEAD_UNASSIGNED, EventCatalog.ROUTING_LEAD_REROUTED);

    /** The agent_channels row (and work_items.channel) of leads: a member's lead capacity and open leads. */
    public static final String LEAD_CHANNEL = "LEAD";

    final String noun;
    final EventType<WorkUnassigned> unassigned;
    final EventType<WorkUnassigned> rerouted;

    Kind(String noun, EventType<WorkUnassigned> unassigned, EventType<WorkUnassigned> rerouted) {
        this.noun = noun;
        this.unassigned = unassigned;
        this.rerouted = rerouted;
    }
}
