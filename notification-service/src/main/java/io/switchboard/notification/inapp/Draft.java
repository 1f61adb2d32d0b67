package io.switchboard.notification.inapp;

import java.util.Objects;
import java.util.UUID;

/**
 * A notification before preferences and storage: who it is for, where it belongs (org and, where it has one,
 * portal) and what a phone shows. {@code urgency} is a Web Push urgency: very-low, low, normal or high.
 */
public record Draft(UUID userId, UUID orgId, UUID portalId, Kind kind, String title, String body, String url, String tag,
                    String urgency) {

    public static final String HIGH = "high";
    public static final String NORMAL = "normal";

    public Draft {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(tag, "tag");
        if (!java.util.Set.of("very-low", "low", "normal", "high").contains(urgency)) {
            throw new IllegalArgumentException("urgency " + urgency);
        }
    }
}
