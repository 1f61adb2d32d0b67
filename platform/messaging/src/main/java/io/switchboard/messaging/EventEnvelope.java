package io.switchboard.messaging;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What travels on Kafka: CloudEvents attribute names around the event's data. {@code subject} is the orgId
 * and also the record key, so one organization's events keep their order.
 */
public record EventEnvelope(
        UUID id,
        String type,
        String source,
        Instant time,
        String subject,
        String actor,
        String dataschema,
        JsonNode data) {
}
