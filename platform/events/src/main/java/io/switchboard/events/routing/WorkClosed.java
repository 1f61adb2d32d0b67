package io.switchboard.events.routing;

import java.time.Instant;
import java.util.UUID;

/** A conversation (or lead) is closed; {@code assigneeId} (null if it was queued) has its capacity back. */
public record WorkClosed(UUID orgId, String kind, UUID workId, String externalId, UUID portalId, UUID teamId, String channel,
                         UUID assigneeId, UUID closedBy, Instant openedAt, Instant closedAt) {
}
