package io.switchboard.testing;

import io.switchboard.events.EventProvenance;
import io.switchboard.events.EventType;
import io.switchboard.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw event records on the real broker, for tests: builds envelopes the way a topic's owner would (and lets a
 * test forge any attribute), publishes them as plain Kafka records, and reads topics back with their headers.
 *
 * <pre>{@code
 * try (Events events = Events.onSharedBroker()) {
 *     events.publish(Events.envelope(EventCatalog.ORGANIZATION_DELETED, org, new OrganizationDeleted(org)).withSource("identity-service"));
 *     ConsumerRecord<String, String> parked = events.await(Topics.deadLetter(Topics.ORG_MEMBERSHIPS), Events.withEventId(id), Duration.ofSeconds(20));
 * }
 * }</pre>
 */
public final class Events implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;
    private KafkaProducer<String, String> producer;

    /**
     * @param bootstrapServers the broker
     * @param clientProperties extra client settings (security.protocol, sasl.*) for an authenticated broker; empty otherwise
     */
    public Events(String bootstrapServers, Map<String, Object> clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** On this JVM's shared broker ({@link RealServers#kafka()}). */
    public static Events onSharedBroker() {
        return new Events(RealServers.kafka().bootstrapServers(), Map.of());
    }

    /**
     * An envelope as the owner of the type's topic would publish it: a fresh id, the owner as {@code source}
     * (the first in name order where several own it), {@code subject} and key = {@code orgId}, actor "test".
     */
    public static <T extends Record> Envelope envelope(EventType<T> type, UUID orgId, T data) {
        String owner = Topics.owners(type.topic()).stream().sorted().findFirst().orElse("unknown");
        return new Envelope(type.topic(), orgId.toString(), UUID.randomUUID(), type.name(), owner,
                Instant.now().truncatedTo(ChronoUnit.MICROS), orgId.toString(), "test", type.dataSchema(), JSON.valueToTree(data));
    }

    /** Publishes the event as its topic's owner would; answers the envelope sent. */
    public <T extends Record> Envelope publish(EventType<T> type, UUID orgId, T data) {
        return publish(envelope(type, orgId, data));
    }

    /**
     * Publishes the envelope as a raw record on its topic with its key; waits for the broker's ack. A genuine
     * event of org.memberships.v1 (one its consumers would believe) is followed, as org-service does it, by the
     * membership's or role's new state on org.membership-state.v1, which the membership projections read.
     */
    public Envelope publish(Envelope envelope) {
        send(envelope.topic(), envelope.key(), envelope.json());
        if (Topics.ORG_MEMBERSHIPS.equals(envelope.topic()) && EventProvenance.rejection(envelope.topic(), envelope.key(), envelope.source(),
                envelope.subject(), envelope.type(), envelope.data().path("orgId").asString(null)).isEmpty()) {
            MembershipStates.after(envelope).forEach(state -> send(Topics.ORG_MEMBERSHIP_STATE, state.key(), state.value()));
        }
        return envelope;
    }

    /** Publishes the envelope with these record headers (a {@code traceparent}, say); waits for the broker's ack. */
    public Envelope publish(Envelope envelope, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(envelope.topic(), envelope.key(), envelope.json());
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        send(record);
        return envelope;
    }

    /** Sends any record (a null value is a tombstone); waits for the broker's ack. */
    public void send(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, String> record) {
        String topic = record.topic();
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish on " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Every record on the topic now (none if it does not exist yet). */
    public List<ConsumerRecord<String, String>> records(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(clientConfig(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)))) {
            List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(topic, List.of());
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The first record on the topic that matches, waiting for it up to {@code timeout}. */
    public ConsumerRecord<String, String> await(String topic, Predicate<ConsumerRecord<String, String>> which, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ConsumerRecord<String, String>> found = records(topic).stream().filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such record on " + topic + " within " + timeout);
            }
            sleep(200);
        }
    }

    /** Matches records whose envelope carries this event id. */
    public static Predicate<ConsumerRecord<String, String>> withEventId(UUID eventId) {
        return record -> eventId.toString().equals(eventId(record));
    }

    /** The envelope id of a record's value; null when the value is no envelope. */
    public static String eventId(ConsumerRecord<String, String> record) {
        try {
            return record.value() == null ? null : JSON.readTree(record.value()).path("id").asString(null);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** A header's value as text (the last one of that name), if present. */
    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(clientConfig(Map.of(
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.ACKS_CONFIG, "all")));
        }
        return producer;
    }

    private Map<String, Object> clientConfig(Map<String, Object> specific) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(specific);
        return config;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** A record to publish: the CloudEvents envelope and where it goes (topic, key). Each {@code with..} answers a changed copy. */
    public record Envelope(String topic, String key, UUID id, String type, String source, Instant time, String subject,
                           String actor, String dataschema, JsonNode data) {

        public Envelope withSource(String source) {
            return new Envelope(topic, key, id, type, source, time, subject, actor, dataschema, data);
        }

        public Envelope withSubject(String subject) {
            return new Envelope(topic, key, id, type, source, time, subject, actor, dataschema, data);
        }

        public Envelope withKey(String key) {
            return new Envelope(topic, key, id, type, source, time, subject, actor, dataschema, data);
        }

        public Envelope withTopic(String topic) {
            return new Envelope(topic, key, id, type, source, time, subject, actor, dataschema, data);
        }

        public Envelope withActor(String actor) {
            return new Envelope(topic, key, id, type, source, time, subject, actor, dataschema, data);
        }

        /** Replaces one field of the data (e.g. {@code orgId}), or removes it when {@code value} is null. */
        public Envelope withDataField(String field, Object value) {
            ObjectNode changed = ((ObjectNode) data).deepCopy();
            if (value == null) {
                changed.remove(field);
            } else {
                changed.set(field, JSON.valueToTree(value));
            }
            return new Envelope(topic, key, id, type, source, time, subject, actor, dataschema, changed);
        }

        /** The record value: the envelope as JSON (no topic or key in it). */
        public String json() {
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("id", id.toString());
            envelope.put("type", type);
            envelope.put("source", source);
            envelope.put("time", time.toString());
            envelope.put("subject", subject);
            envelope.put("actor", actor);
            envelope.put("dataschema", dataschema);
            envelope.put("data", data);
            return JSON.writeValueAsString(envelope);
        }
    }
}
