package io.switchboard.events.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * A lead waits: nobody eligible could take it, its team is MANUAL, or it was taken from someone and nobody else
 * could take it. {@code position} is its place in its queue (1 = next); {@code reason} as for conversations
 * (NO_ELIGIBLE_AGENT, MANUAL_STRATEGY, UNASSIGNED, REROUTED). {@code statusId} is the lead's status (a new lead
 * has the organization's first status).
 */
public record LeadQueued(UUID orgId, UUID workId, String externalId, UUID portalId, UUID teamId, UUID clientId, String source,
                         String statusId, int position, String reason, Instant openedAt, Instant queuedAt) {
}
