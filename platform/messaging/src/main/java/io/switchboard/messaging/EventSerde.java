package io.switchboard.messaging;

import io.switchboard.events.EventType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON of envelopes and event data, with a mapper of its own so that the wire format does not change with
 * an application's Jackson settings. Unknown fields are ignored and a missing primitive field reads as its
 * default (false, 0): within a version producers only add fields, so older records lack the new ones.
 */
public final class EventSerde {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private final String source;
    private final Clock clock;

    public EventSerde(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public <T extends Record> EventEnvelope envelope(EventType<T> type, UUID orgId, String actor, T data) {
        if (!type.dataType().isInstance(data)) {
            throw new IllegalArgumentException(type.name() + " carries " + type.dataType().getSimpleName() + ", not " + data.getClass().getSimpleName());
        }
        return new EventEnvelope(UUID.randomUUID(), type.name(), source,
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS), orgId.toString(), actor, type.dataSchema(), json.valueToTree(data));
    }

    public String toJson(EventEnvelope envelope) {
        return json.writeValueAsString(envelope);
    }

    public EventEnvelope fromJson(String payload) {
        return json.readValue(payload, EventEnvelope.class);
    }

    public <T extends Record> T data(EventEnvelope envelope, EventType<T> type) {
        if (!type.name().equals(envelope.type())) {
            throw new IllegalArgumentException("envelope is a " + envelope.type() + ", not a " + type.name());
        }
        return json.treeToValue(envelope.data(), type.dataType());
    }
}
