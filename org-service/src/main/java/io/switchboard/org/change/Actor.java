package io.switchboard.org.change;

import io.switchboard.web.Caller;
import java.util.UUID;

/**
 * Who made a change: a person ({@code userId}), or a named system actor ({@code system} for automatic
 * revocations, {@code billing} for the billing integration) with no user id.
 */
public record Actor(UUID userId, String name) {

    public static final Actor SYSTEM = new Actor(null, "system");
    public static final Actor BILLING = new Actor(null, "billing");

    public static Actor of(Caller caller) {
        return new Actor(caller.userId(), caller.userId().toString());
    }

    public static Actor user(UUID userId) {
        return new Actor(userId, userId.toString());
    }

    /** The envelope's actor: a user id when one is given, else the name as it is (e.g. "system"). */
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
