package io.switchboard.membership;

import io.switchboard.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds the projection from org.membership-state.v1 on a thread of its own. Every start reads the topic from
 * the beginning: it is compacted, so what it holds grows with the current memberships, not with the history of
 * changes (org.memberships.v1 keeps that). The projection survives restarts without a store of its own;
 * {@link #isCaughtUp()} turns true once it has read what the topic held at start, and from then on it follows
 * the topic (a removal arrives as a tombstone, as fast as the change event does).
 */
public class MembershipProjectionUpdater implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MembershipProjectionUpdater.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MembershipProjection projection;
    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;
    private final String topic;
    private final ReaderMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public MembershipProjectionUpdater(MembershipProjection projection, String bootstrapServers) {
        this(projection, bootstrapServers, Map.of());
    }

    /**
     * @param clientProperties further Kafka client settings, e.g. {@code security.protocol} and {@code sasl.*} for a
     *                         broker that authenticates (the app's {@code spring.kafka.properties})
     */
    public MembershipProjectionUpdater(MembershipProjection projection, String bootstrapServers, Map<String, ?> clientProperties) {
        this(projection, bootstrapServers, clientProperties, Topics.ORG_MEMBERSHIP_STATE);
    }

    /** Reading another topic of the state topic's shape (tests, benchmarks). */
    public MembershipProjectionUpdater(MembershipProjection projection, String bootstrapServers, Map<String, ?> clientProperties, String topic) {
        this(projection, bootstrapServers, clientProperties, topic, ReaderMetrics.none());
    }

    /** @param metrics where the consumer's client metrics (its lag) are published */
    public MembershipProjectionUpdater(MembershipProjection projection, String bootstrapServers, Map<String, ?> clientProperties, String topic,
                                       ReaderMetrics metrics) {
        this.projection = projection;
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = topic;
        this.metrics = metrics;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            thread = new Thread(this::run, "membership-projection");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        while (running.get()) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(config);
                 AutoCloseable bound = metrics.bind(kafka, "membership-projection")) {
                consumer = kafka;
                List<TopicPartition> partitions = awaitPartitions(kafka);
                kafka.assign(partitions);
                kafka.seekToBeginning(partitions);
                Map<TopicPartition, Long> endAtStart = kafka.endOffsets(partitions);
                while (running.get()) {
                    for (var record : kafka.poll(Duration.ofMillis(100))) {
                        apply(record);
                    }
                    if (!caughtUp && partitions.stream().allMatch(p -> kafka.position(p) >= endAtStart.get(p))) {
                        caughtUp = true;
                        log.info("membership projection caught up: {} memberships", projection.size());
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (Exception e) {
                log.warn("membership projection consumer failed, restarting: {}", e.toString());
                sleep(1000);
            }
        }
    }

    /** Believes only org-service's records whose subject, key and data agree (a forged one is skipped, at every start). */
    private void apply(ConsumerRecord<String, String> record) {
        try {
            JsonNode envelope = record.value() == null ? null : JSON.readTree(record.value());
            Optional<String> rejection = envelope == null ? Optional.empty() : MembershipProjection.rejection(record.key(), envelope);
            if (rejection.isPresent()) {
                log.warn("ignoring membership state at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), rejection.get());
            } else if (!projection.apply(record.key(), envelope, caughtUp)) {
                log.warn("ignoring membership state at {}-{}@{}: not a membership or role of this key", record.topic(), record.partition(), record.offset());
            }
        } catch (RuntimeException unreadable) {
            log.warn("skipping unreadable membership state at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, String> kafka) {
        while (running.get()) {
            List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            sleep(500);
        }
        throw new WakeupException();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running.set(false);
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
