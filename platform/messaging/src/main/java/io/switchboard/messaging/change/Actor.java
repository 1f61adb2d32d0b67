package io.switchboard.messaging.change;

import java.util.UUID;

/**
 * Who made a change: a person ({@code userId}), or a named actor of the platform with no user id
 * ({@code system} for what the platform does by itself, e.g. an automatic revocation or a deactivation whose
 * event named no actor; {@code billing} for the billing integration).
 */
public record Actor(UUID userId, String name) {

    public static final Actor SYSTEM = new Actor(null, "system");
    public static final Actor BILLING = new Actor(null, "billing");

    public static Actor user(UUID userId) {
        return new Actor(userId, userId.toString());
    }

    /** The envelope's actor: a user id when it is one, else {@code fallback}. */
    public static Actor fromEnvelope(String actor, Actor fallback) {
        if (actor == null || actor.isBlank()) {
            return fallback;
        }
        try {
            return user(UUID.fromString(actor));
        } catch (IllegalArgumentException notAUser) {
            return fallback;
        }
    }

    /** The CloudEvents {@code actor} attribute of the events this actor causes. */
    public String envelopeActor() {
        return userId != null ? userId.toString() : name;
    }
}
