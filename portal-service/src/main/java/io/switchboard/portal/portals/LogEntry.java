package io.switchboard.portal.portals;

import java.time.Instant;
import java.util.UUID;

/** One availability change as the log shows it; {@code changedBy} is null when the platform made it. */
record LogEntry(long id, UUID portalId, UUID userId, boolean available, String note, UUID changedBy, Instant changedAt, String reason) {
}
