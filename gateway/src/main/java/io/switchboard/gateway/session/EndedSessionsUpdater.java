package io.switchboard.gateway.session;

import io.switchboard.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.switchboard.membership.ReaderMetrics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Feeds {@link EndedSessions} from identity.sessions.v1 on a thread of its own, as the membership projection is fed:
 * every partition assigned (no consumer group: each gateway instance reads everything), nothing committed. A start
 * reads only what can still matter: from each partition's first record stamped at or after {@code now - keep}
 * ({@code offsetsForTimes}), so the cost of a start does not grow with the topic's history. {@link #isCaughtUp()}
 * turns true once it has read what the topic held at start (at once when the topic does not exist yet: nobody has
 * signed out). The partition list is looked at again now and then, so partitions added later are read too.
 */
public class EndedSessionsUpdater implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EndedSessionsUpdater.class);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);
    private static final Duration EVICTION = Duration.ofSeconds(30);

    private final EndedSessions sessions;
    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;
    private final Clock clock;
    private final ReaderMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong readAtStart = new AtomicLong();
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    /**
     * @param clientProperties further Kafka client settings, e.g. {@code security.protocol} and {@code sasl.*} for a
     *                         broker that authenticates (the app's {@code spring.kafka.properties})
     */
    public EndedSessionsUpdater(EndedSessions sessions, String bootstrapServers, Map<String, ?> clientProperties, Clock clock) {
        this(sessions, bootstrapServers, clientProperties, clock, ReaderMetrics.none());
    }

    /** @param metrics where the consumer's client metrics (its lag) are published */
    public EndedSessionsUpdater(EndedSessions sessions, String bootstrapServers, Map<String, ?> clientProperties, Clock clock, ReaderMetrics metrics) {
        this.sessions = sessions;
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
        this.clock = clock;
        this.metrics = metrics;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** How many records the last start read before it caught up. */
    public long readAtStart() {
        return readAtStart.get();
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            thread = new Thread(this::run, "ended-sessions");
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
        // asking for the partitions of a topic identity-service has not declared yet must not create it (with the broker's defaults)
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        while (running.get()) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(config);
                 AutoCloseable bound = metrics.bind(kafka, "ended-sessions")) {
                consumer = kafka;
                read(kafka);
            } catch (WakeupException stopping) {
                return;
            } catch (Exception e) {
                log.warn("ended-sessions consumer failed, restarting: {}", e.toString());
                sleep(1000);
            }
        }
    }

    private void read(KafkaConsumer<String, String> kafka) {
        List<TopicPartition> partitions = List.of();
        Map<TopicPartition, Long> endAtStart = Map.of();
        long nextPartitionCheck = 0;
        long nextEviction = System.nanoTime() + EVICTION.toNanos();
        long read = 0;
        while (running.get()) {
            if (System.nanoTime() - nextPartitionCheck >= 0) {
                List<TopicPartition> now = partitions(kafka);
                List<TopicPartition> before = partitions;
                if (!Set.copyOf(now).equals(Set.copyOf(before))) {
                    List<TopicPartition> added = now.stream().filter(p -> !before.contains(p)).toList();
                    Map<TopicPartition, Long> positions = new HashMap<>();
                    before.stream().filter(now::contains).forEach(p -> positions.put(p, kafka.position(p)));
                    kafka.assign(now);
                    positions.forEach(kafka::seek);
                    Map<TopicPartition, Long> start = startOffsets(added, kafka.offsetsForTimes(timestamps(added)), kafka.endOffsets(added));
                    start.forEach(kafka::seek);
                    if (!caughtUp) {
                        endAtStart = kafka.endOffsets(now);
                    }
                    partitions = now;
                    log.info("reading {} partition(s) of {} from {} on", now.size(), Topics.IDENTITY_SESSIONS, clock.instant().minus(sessions.keep()));
                }
                nextPartitionCheck = System.nanoTime() + (partitions.isEmpty() ? Duration.ofSeconds(2) : PARTITION_CHECK).toNanos();
            }
            if (partitions.isEmpty()) {
                markCaughtUp(read); // no topic yet: nobody has signed out
                sleep(200);
                continue;
            }
            for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(100))) {
                apply(record);
                read++;
            }
            if (!caughtUp) {
                Map<TopicPartition, Long> end = endAtStart;
                if (partitions.stream().allMatch(p -> kafka.position(p) >= end.getOrDefault(p, 0L))) {
                    markCaughtUp(read);
                }
            }
            if (System.nanoTime() - nextEviction >= 0) {
                sessions.evictExpired();
                nextEviction = System.nanoTime() + EVICTION.toNanos();
            }
        }
    }

    private void markCaughtUp(long read) {
        if (!caughtUp) {
            readAtStart.set(read);
            caughtUp = true;
            log.info("ended sessions caught up: {} record(s) read, {} session(s) refused", read, sessions.size());
        }
    }

    private Map<TopicPartition, Long> timestamps(List<TopicPartition> partitions) {
        long from = clock.instant().minus(sessions.keep()).toEpochMilli();
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        partitions.forEach(p -> timestamps.put(p, from));
        return timestamps;
    }

    /**
     * Where to start in each partition: the first record stamped at or after {@code now - keep}; the end where there
     * is none (every record of the partition is older: their sessions' tokens have all expired).
     */
    static Map<TopicPartition, Long> startOffsets(List<TopicPartition> partitions, Map<TopicPartition, OffsetAndTimestamp> byTime,
                                                  Map<TopicPartition, Long> endOffsets) {
        Map<TopicPartition, Long> start = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp found = byTime.get(partition);
            start.put(partition, found != null ? found.offset() : endOffsets.getOrDefault(partition, 0L));
        }
        return start;
    }

    /** Believes only identity-service's records (EventProvenance, data.userId = subject = key); a forged one is skipped, at every start. */
    private void apply(ConsumerRecord<String, String> record) {
        switch (SessionEndedRecord.read(record.topic(), record.key(), record.value())) {
            case SessionEndedRecord.Ended ended -> sessions.end(ended.sessionHash(), ended.endedAt());
            case SessionEndedRecord.Rejected rejected ->
                    log.warn("ignoring session event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), rejected.reason());
            case SessionEndedRecord.Ignored ignored -> {
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(Topics.IDENTITY_SESSIONS, Duration.ofSeconds(5));
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
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
