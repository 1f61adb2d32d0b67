package io.switchboard.notification.inapp;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification as the bell, the list and the live stream show it. {@code seq} orders them (newest first in the
 * list) and is the live stream's event id; {@code read} is whether {@code readAt} is set.
 */
public record Notification(UUID id, long seq, UUID orgId, UUID portalId, String kind, String title, String body, String url,
                           String tag, String urgency, Instant createdAt, Instant readAt, boolean read) {
}
