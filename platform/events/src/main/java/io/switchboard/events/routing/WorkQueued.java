package io.switchboard.events.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation (or lead: {@code kind}) waits: nobody eligible could take it, its team is MANUAL, or it was
 * taken from someone and nobody else could take it. {@code position} is its place in its queue (1 = next);
 * {@code reason}: NO_ELIGIBLE_AGENT, MANUAL_STRATEGY, UNASSIGNED, REROUTED. {@code openedAt}: when it was opened, which
 * its place in the queue and its wait count from (null from producers before it was added).
 */
public record WorkQueued(UUID orgId, String kind, UUID workId, String externalId, UUID portalId, UUID teamId, UUID clientId,
                         String channel, int position, String reason, Instant openedAt, Instant queuedAt) {
}
