package io.switchboard.events.portal;

import java.time.Instant;
import java.util.UUID;

/**
 * A portal member became available or away. {@code changedBy} is who did it (null when the platform did, e.g.
 * on deactivation); {@code reason}: TOGGLED (one portal), AWAY_SWITCH (the person-level switch, every portal),
 * MEMBER_DEACTIVATED, MEMBER_REMOVED, JOINED (a new portal member starts available).
 */
public record AvailabilityChanged(UUID orgId, UUID portalId, UUID userId, boolean available, String note, UUID changedBy,
                                  Instant changedAt, String reason) {
}
