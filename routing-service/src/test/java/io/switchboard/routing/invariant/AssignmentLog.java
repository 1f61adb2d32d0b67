package io.switchboard.routing.invariant;

import io.switchboard.events.Topics;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * routing.assignments.v1 as published, for some organizations, in partition order (the key is the organization,
 * so one organization's events are in one partition, in the order their transactions committed: every write of
 * an organization holds its advisory lock until commit and the relay publishes in outbox order).
 */
public final class AssignmentLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One event: its type, the envelope's data and when the test's consumer received it. */
    public record Entry(String type, JsonNode data, long receivedNanos) {

        public UUID uuid(String field) {
            String text = data.path(field).asString(null);
            return text == null ? null : UUID.fromString(text);
        }

        public UUID workId() {
            return uuid("workId");
        }
    }

    private AssignmentLog() {
    }

    /** Every event of {@code orgs} on the topic now, in order. */
    public static List<Entry> read(Set<UUID> orgs) {
        Set<String> keys = new java.util.HashSet<>();
        orgs.forEach(org -> keys.add(org.toString()));
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(Topics.ROUTING_ASSIGNMENTS, List.of());
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(Topics.ROUTING_ASSIGNMENTS, p.partition())).toList();
            if (partitions.isEmpty()) {
                return entries;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + Topics.ROUTING_ASSIGNMENTS + " to its end within 3 minutes");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(record.key())) {
                        JsonNode envelope = JSON.readTree(record.value());
                        entries.add(new Entry(envelope.path("type").asString(), envelope.path("data"), System.nanoTime()));
                    }
                }
            }
        }
        return entries;
    }

    /** A consumer of the topic for a live follower (latency benchmarks), positioned at the end. */
    public static KafkaConsumer<String, String> tail() {
        KafkaConsumer<String, String> consumer = consumer();
        List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(Topics.ROUTING_ASSIGNMENTS, List.of()).stream()
                .map(p -> new TopicPartition(Topics.ROUTING_ASSIGNMENTS, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    public static Entry parse(ConsumerRecord<String, String> record, long receivedNanos) {
        JsonNode envelope = JSON.readTree(record.value());
        return new Entry(envelope.path("type").asString(), envelope.path("data"), receivedNanos);
    }

    private static KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(config);
    }
}
