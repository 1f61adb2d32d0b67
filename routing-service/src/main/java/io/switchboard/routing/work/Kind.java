package io.switchboard.routing.work;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventType;
import io.switchboard.events.access.Permission;
import io.switchboard.events.routing.WorkUnassigned;

/**
 * What is routed. Conversations and leads share the claim, the queues and the write path; each kind has its own
 * event types on routing.assignments.v1 ({@link WorkItem} raises them). A lead waits and is counted on the
 * pseudo-channel {@link #LEAD_CHANNEL}.
 */
public enum Kind {
    CONVERSATION("conversation", Permission.CONVERSATIONS_READ, Permission.CONVERSATIONS_ASSIGN, EventCatalog.ROUTING_CONVERSATION_UNASSIGNED,
            EventCatalog.ROUTING_CONVERSATION_REROUTED),
    LEAD("lead", Permission.LEADS_READ, Permission.LEADS_ASSIGN, EventCatalog.ROUTING_LEAD_UNASSIGNED, EventCatalog.ROUTING_LEAD_REROUTED);

    /** The agent_channels row (and work_items.channel) of leads: a member's lead capacity and open leads. */
    public static final String LEAD_CHANNEL = "LEAD";

    final String noun;
    /** To see work of this kind, and to assign it by hand. */
    final Permission read;
    final Permission assign;
    final EventType<WorkUnassigned> unassigned;
    final EventType<WorkUnassigned> rerouted;

    Kind(String noun, Permission read, Permission assign, EventType<WorkUnassigned> unassigned, EventType<WorkUnassigned> rerouted) {
        this.noun = noun;
        this.read = read;
        this.assign = assign;
        this.unassigned = unassigned;
        this.rerouted = rerouted;
    }
}
