package io.switchboard.gateway;

import io.switchboard.events.EventType;
import io.switchboard.testing.RealServers;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/** Publishes membership events to the real Kafka as org-service would, for the gateway's projection. */
final class MembershipEvents implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));

    <T extends Record> void publish(EventType<T> type, UUID org, T data) {
        Map<String, Object> envelope = Map.of("id", UUID.randomUUID().toString(), "type", type.name(), "source", "urn:switchboard:test",
                "time", Instant.now().toString(), "subject", org.toString(), "actor", "test", "dataschema", type.dataSchema(), "data", data);
        try {
            producer.send(new ProducerRecord<>(type.topic(), org.toString(), JSON.writeValueAsString(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type.name(), e);
        }
    }

    static UUID subject(String token) {
        return UUID.fromString(JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("sub").asString());
    }

    @Override
    public void close() {
        producer.close();
    }
}
