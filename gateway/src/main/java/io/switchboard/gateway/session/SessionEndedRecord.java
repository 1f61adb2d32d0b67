package io.switchboard.gateway.session;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventProvenance;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one record of identity.sessions.v1 tells the gateway, decided before anything acts on it. Believed only
 * when {@link EventProvenance} accepts it (published by the topic's owner, identity-service; subject = record
 * key = a UUID, here the userId) and its data's {@code userId} is that subject too.
 */
sealed interface SessionEndedRecord {

    /** A session to refuse: its hash and when it ended. */
    record Ended(String sessionHash, Instant endedAt) implements SessionEndedRecord {
    }

    /** A record not to believe; {@code reason} quotes attacker-chosen text only through EventProvenance's sanitizing. */
    record Rejected(String reason) implements SessionEndedRecord {
    }

    /** A believed record of a type the gateway does not act on (a later event type of this topic). */
    record Ignored(String type) implements SessionEndedRecord {
    }

    JsonMapper JSON = JsonMapper.builder().build();

    static SessionEndedRecord read(String topic, String key, String value) {
        JsonNode envelope;
        try {
            envelope = value == null ? null : JSON.readTree(value);
        } catch (RuntimeException unreadable) {
            return new Rejected("value is not JSON");
        }
        if (envelope == null || !envelope.isObject()) {
            return new Rejected("value is not an event envelope");
        }
        JsonNode data = envelope.path("data");
        String subject = text(envelope, "subject");
        String type = text(envelope, "type");
        var rejection = EventProvenance.rejection(topic, key, text(envelope, "source"), subject, type, text(data, "orgId"));
        if (rejection.isPresent()) {
            return new Rejected(rejection.get());
        }
        if (!EventCatalog.SESSION_ENDED.name().equals(type)) {
            return new Ignored(type);
        }
        UUID userId = uuid(text(data, "userId"));
        if (userId == null || !userId.equals(uuid(subject))) {
            return new Rejected("data.userId does not match the subject");
        }
        String hash = text(data, "sessionHash");
        if (hash == null || hash.isBlank()) {
            return new Rejected("no sessionHash");
        }
        Instant endedAt;
        try {
            endedAt = Instant.parse(text(data, "endedAt"));
        } catch (DateTimeParseException | NullPointerException noTime) {
            return new Rejected("no readable endedAt");
        }
        return new Ended(hash, endedAt);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString(value.toString());
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
