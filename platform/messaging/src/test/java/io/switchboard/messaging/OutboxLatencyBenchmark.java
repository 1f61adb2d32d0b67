package io.switchboard.messaging;

import static io.switchboard.messaging.MessagingTestApplication.THING_RECORDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.r2dbc.spi.ConnectionFactory;
import io.switchboard.messaging.MessagingTestApplication.ThingRecorded;
import io.switchboard.messaging.MessagingTestApplication.ThingsConsumer;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Commit-to-consume latency: from the moment an event's transaction commits to the moment the idempotent
 * consumer's effect has committed, through the real relay (woken by NOTIFY), broker and consumer.
 * Not part of the default test run; run it with
 * {@code ./mvnw -pl platform/messaging test -Dtest=OutboxLatencyBenchmark}. It prints figures; it asserts
 * only that every event arrived.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
class OutboxLatencyBenchmark {

    private static final int WARMUP = 200;
    private static final int MEASURED = 1000;
    private static final Duration PACING = Duration.ofMillis(10);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "messaging_benchmark");
    }

    @Autowired Outbox outbox;
    @Autowired ThingsConsumer consumer;
    @Autowired ConnectionFactory connectionFactory;
    @Autowired ReactiveTransactionManager transactionManager;
    @Autowired KafkaTemplate<String, String> kafkaTemplate;
    @Autowired MessagingProperties properties;

    @Test
    void commitToConsumeLatency() {
        TransactionalOperator tx = TransactionalOperator.create(transactionManager);
        OutboxRelay relay = new OutboxRelay(connectionFactory, tx, kafkaTemplate, properties);
        relay.start();
        try {
            run(tx, WARMUP);
            Map<UUID, Long> committedAt = run(tx, MEASURED);
            long[] micros = committedAt.entrySet().stream()
                    .mapToLong(e -> (consumer.appliedAtNanos.get(e.getKey()) - e.getValue()) / 1_000)
                    .sorted().toArray();
            String report = String.format("outbox commit-to-consume latency over %d events (one org per 10 events, commits paced 10 ms apart, "
                            + "relay woken by NOTIFY): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, mean %.1f ms",
                    micros.length, pct(micros, 50), pct(micros, 90), pct(micros, 99), micros[micros.length - 1] / 1000.0,
                    Arrays.stream(micros).average().orElse(0) / 1000.0);
            System.out.println(report);
        } finally {
            relay.stop();
        }
    }

    private Map<UUID, Long> run(TransactionalOperator tx, int events) {
        Map<UUID, Long> committedAt = new LinkedHashMap<>();
        List<UUID> orgs = new ArrayList<>();
        for (int i = 0; i < events / 10; i++) {
            orgs.add(UUID.randomUUID());
        }
        for (int i = 0; i < events; i++) {
            UUID org = orgs.get(i % orgs.size());
            EventEnvelope event = tx.transactional(outbox.append(THING_RECORDED, org, "bench", new ThingRecorded(org, i, "timed"))).block();
            committedAt.put(event.id(), System.nanoTime());
            pause();
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> consumer.appliedAtNanos.keySet().containsAll(committedAt.keySet()));
        assertThat(consumer.appliedAtNanos.keySet()).containsAll(committedAt.keySet());
        return committedAt;
    }

    /** About 100 events a second: latency is measured below saturation (one consumer thread). */
    private static void pause() {
        try {
            Thread.sleep(PACING.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double pct(long[] sortedMicros, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, index)] / 1000.0;
    }
}
