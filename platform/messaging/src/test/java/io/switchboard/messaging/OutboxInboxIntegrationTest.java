package io.switchboard.messaging;

import static io.switchboard.messaging.MessagingTestApplication.BATCH_TOPIC;
import static io.switchboard.messaging.MessagingTestApplication.POISON;
import static io.switchboard.messaging.MessagingTestApplication.THING_BATCHED;
import static io.switchboard.messaging.MessagingTestApplication.THING_RECORDED;
import static io.switchboard.messaging.MessagingTestApplication.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import io.switchboard.events.Topics;
import io.switchboard.messaging.MessagingTestApplication.ThingRecorded;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The outbox and inbox against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest(classes = MessagingTestApplication.class)
class OutboxInboxIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "messaging_test");
    }

    @Autowired Outbox outbox;
    @Autowired EventSerde serde;
    @Autowired DatabaseClient db;
    @Autowired ConnectionFactory connectionFactory;
    @Autowired ReactiveTransactionManager transactionManager;
    @Autowired KafkaTemplate<String, String> kafkaTemplate;
    @Autowired MessagingProperties properties;

    private final List<OutboxRelay> startedRelays = new ArrayList<>();

    @AfterEach
    void stopRelays() {
        startedRelays.forEach(OutboxRelay::stop);
    }

    @Test
    void rolledBackTransaction_publishesNothing() {
        UUID org = UUID.randomUUID();
        List<UUID> rolledBack = new ArrayList<>();
        Mono<Void> failingChange = db.sql("insert into things (id, org_id, label) values (:id, :org, 'doomed')")
                .bind("id", UUID.randomUUID()).bind("org", org).fetch().rowsUpdated()
                .then(outbox.append(THING_RECORDED, org, "tester", new ThingRecorded(org, 0, "doomed")))
                .doOnNext(event -> rolledBack.add(event.id()))
                .then(Mono.error(new IllegalStateException("business rule broken after the event was written")));
        Mono<Void> inOneTransaction = transactional().transactional(failingChange);
        try {
            inOneTransaction.block();
        } catch (IllegalStateException expected) {
            // the whole transaction is rolled back
        }
        assertThat(rolledBack).hasSize(1);
        assertThat(count("select count(*) from outbox where event_id = '" + rolledBack.getFirst() + "'")).isZero();
        assertThat(count("select count(*) from things where org_id = '" + org + "'")).isZero();

        // a later event of the same org (same partition) arrives; the rolled-back one never does
        UUID marker = appendCommitted(org, 1, "marker");
        startRelay();
        awaitApplied(marker);
        assertThat(appliedSeqs(org)).containsExactly(1);
        assertThat(recordsOnTopicWithId(TOPIC, rolledBack.getFirst())).isZero();
    }

    @Test
    void relayKilledBetweenSendAndMark_losesNothing_andTheConsumerAppliesItOnce() {
        UUID org = UUID.randomUUID();
        UUID event = appendCommitted(org, 0, "sent twice");

        OutboxRelay dying = newRelay();
        dying.afterSend(sent -> Mono.error(new IllegalStateException("relay killed after send, before mark")));
        try {
            dying.publishPending().block();
        } catch (IllegalStateException expected) {
            // its transaction never committed: the row is still unsent
        }
        assertThat(count("select count(*) from outbox where event_id = '" + event + "' and sent_at is null")).isEqualTo(1);

        assertThat(newRelay().publishPending().block()).isGreaterThanOrEqualTo(1L);
        assertThat(count("select count(*) from outbox where event_id = '" + event + "' and sent_at is not null")).isEqualTo(1);

        awaitApplied(event);
        await().atMost(Duration.ofSeconds(20)).until(() -> recordsOnTopicWithId(TOPIC, event) == 2);
        // both copies reached the consumer group (the second one after the first); give it a moment, then count effects
        UUID marker = appendCommitted(org, 1, "marker");
        newRelay().publishPending().block();
        awaitApplied(marker);
        assertThat(count("select count(*) from applied_things where event_id = '" + event + "'")).isEqualTo(1);
    }

    @Test
    void theTraceContextARowWasWrittenIn_goesOutAsTheRecordsTraceparentHeader() {
        UUID org = UUID.randomUUID();
        UUID traced = appendCommitted(org, 0, "traced");
        UUID untraced = appendCommitted(org, 1, "untraced");
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        db.sql("update outbox set traceparent = :traceparent where event_id = :id").bind("traceparent", traceparent).bind("id", traced)
                .fetch().rowsUpdated().block();
        newRelay().publishPending().block();
        try (Events events = Events.onSharedBroker()) {
            ConsumerRecord<String, String> record = events.await(TOPIC, Events.withEventId(traced), Duration.ofSeconds(20));
            assertThat(Events.header(record, Traces.TRACEPARENT)).hasValue(traceparent);
            assertThat(Events.header(events.await(TOPIC, Events.withEventId(untraced), Duration.ofSeconds(20)), Traces.TRACEPARENT))
                    .as("a row without one sends no header").isEmpty();
        }
    }

    @Test
    void outboxGauges_countTheUnsentRows_andTheOldestOnesAge_andFallToZeroOncePublished() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("meters", meters));
        OutboxMetrics metrics = new OutboxMetrics(db, beans.getBeanProvider(MeterRegistry.class), Duration.ofMillis(100));
        newRelay().publishPending().block(); // rows other tests of the class left unsent
        UUID org = UUID.randomUUID();
        appendCommitted(org, 0, "waiting");
        appendCommitted(org, 1, "waiting too");
        OutboxMetrics.Figures waiting = metrics.read().block();
        assertThat(waiting.backlog()).isEqualTo(2);
        assertThat(waiting.oldestAgeSeconds()).isPositive();

        metrics.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> meters.get("switchboard.outbox.backlog").gauge().value() == 2);
            newRelay().publishPending().block();
            await().atMost(Duration.ofSeconds(20)).until(() -> meters.get("switchboard.outbox.backlog").gauge().value() == 0
                    && meters.get("switchboard.outbox.oldest.age").gauge().value() == 0);
        } finally {
            metrics.stop();
        }
    }

    @Test
    void duplicateDelivery_hasOneEffect() {
        UUID org = UUID.randomUUID();
        EventEnvelope envelope = serde.envelope(THING_RECORDED, org, "tester", new ThingRecorded(org, 0, "delivered thrice"));
        String json = serde.toJson(envelope);
        for (int i = 0; i < 3; i++) {
            kafkaTemplate.send(TOPIC, org.toString(), json).join();
        }
        UUID marker = appendCommitted(org, 1, "marker");
        newRelay().publishPending().block();
        awaitApplied(marker);
        assertThat(count("select count(*) from applied_things where event_id = '" + envelope.id() + "'")).isEqualTo(1);
        assertThat(appliedSeqs(org)).containsExactly(0, 1);
    }

    @Test
    void perOrgOrder_holdsAcross1000Events_whileTheRelayRuns() {
        int orgs = 10;
        int perOrg = 100;
        List<UUID> orgIds = Flux.range(0, orgs).map(i -> UUID.randomUUID()).collectList().block();
        startRelay();
        // orgs write concurrently; within an org each event commits after the previous one
        Flux.fromIterable(orgIds)
                .flatMap(org -> Flux.range(0, perOrg).concatMap(seq -> transactional()
                        .transactional(outbox.append(THING_RECORDED, org, "tester", new ThingRecorded(org, seq, "ordered")))), orgs)
                .then().block(Duration.ofMinutes(2));

        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("select count(*) from applied_things where org_id in (" + quoted(orgIds) + ")") == (long) orgs * perOrg);
        List<Integer> expected = Flux.range(0, perOrg).collectList().block();
        for (UUID org : orgIds) {
            assertThat(appliedSeqs(org)).as("order of org " + org).isEqualTo(expected);
        }
    }

    @Test
    void twoRelays_doNotBothPublishARow() {
        newRelay().publishPending().block(); // rows other tests of the class left unsent would be counted too
        UUID org = UUID.randomUUID();
        List<UUID> ids = Flux.range(0, 300)
                .concatMap(seq -> transactional().transactional(outbox.append(THING_RECORDED, org, "tester", new ThingRecorded(org, seq, "once"))))
                .map(EventEnvelope::id).collectList().block();
        OutboxRelay first = newRelay();
        OutboxRelay second = newRelay();
        Flux<Long> racing = Flux.merge(
                Flux.range(0, 5).concatMap(i -> first.publishPending()).subscribeOn(Schedulers.parallel()),
                Flux.range(0, 5).concatMap(i -> second.publishPending()).subscribeOn(Schedulers.parallel()));
        long published = racing.reduce(0L, Long::sum).block(Duration.ofMinutes(1));
        assertThat(published).isEqualTo(300);
        await().atMost(Duration.ofSeconds(30)).until(() -> appliedSeqs(org).size() == 300);
        assertThat(recordsOnTopicWithIds(TOPIC, ids)).isEqualTo(300);
    }

    @Test
    void oneRelayLeads_andWhenItStops_anotherTakesOver() {
        OutboxRelay first = startRelay();
        OutboxRelay second = startRelay();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.leading() || second.leading());
        assertThat(first.leading() && second.leading()).as("both relays lead").isFalse();
        OutboxRelay leader = first.leading() ? first : second;
        OutboxRelay follower = leader == first ? second : first;

        UUID org = UUID.randomUUID();
        awaitApplied(appendCommitted(org, 0, "while the first leads"));
        leader.stop();
        await().atMost(Duration.ofSeconds(10)).until(follower::leading);
        assertThat(leader.leading()).isFalse();
        awaitApplied(appendCommitted(org, 1, "after the leader stopped"));
        assertThat(appliedSeqs(org)).containsExactly(0, 1);
    }

    @Test
    void eventThatKeepsFailing_goesToTheDeadLetterTopic_afterBoundedRetries() {
        UUID org = UUID.randomUUID();
        UUID poisoned = appendCommitted(org, 0, POISON);
        UUID next = appendCommitted(org, 1, "after the poison");
        newRelay().publishPending().block();

        awaitApplied(next);
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOnTopicWithId(Topics.deadLetter(TOPIC), poisoned) == 1);
        assertThat(appliedSeqs(org)).containsExactly(1);
        assertThat(count("select count(*) from inbox where event_id = '" + poisoned + "'")).isZero();
    }

    @Test
    void batchConsumer_appliesEachEventOnce_inOrderPerOrg_andDeadLettersOnlyWhatFails() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<EventEnvelope> sent = new ArrayList<>();
        for (int seq = 0; seq < 30; seq++) {
            sent.add(serde.envelope(THING_BATCHED, a, "tester", new ThingRecorded(a, seq, seq == 12 ? POISON : "a")));
            sent.add(serde.envelope(THING_BATCHED, b, "tester", new ThingRecorded(b, seq, "b")));
        }
        EventEnvelope poisoned = sent.get(24);
        EventEnvelope forged = serde.envelope(THING_BATCHED, b, "tester", new ThingRecorded(b, 99, "forged"));
        // in one burst, so that polls carry many records: every event, one of them again, and a record whose key names another org
        sent.forEach(event -> kafkaTemplate.send(BATCH_TOPIC, event.subject(), serde.toJson(event)));
        kafkaTemplate.send(BATCH_TOPIC, b.toString(), serde.toJson(sent.get(5)));
        kafkaTemplate.send(BATCH_TOPIC, a.toString(), serde.toJson(forged));
        kafkaTemplate.flush();

        List<Integer> all = Flux.range(0, 30).collectList().block();
        await().atMost(Duration.ofSeconds(60)).until(() -> appliedSeqs(b).size() >= 30 && appliedSeqs(a).size() >= 29);
        await().atMost(Duration.ofSeconds(30)).until(() -> recordsOnTopicWithId(Topics.deadLetter(BATCH_TOPIC), poisoned.id()) == 1
                && recordsOnTopicWithId(Topics.deadLetter(BATCH_TOPIC), forged.id()) == 1);
        assertThat(appliedSeqs(b)).isEqualTo(all);
        assertThat(appliedSeqs(a)).isEqualTo(all.stream().filter(seq -> seq != 12).toList());
        assertThat(count("select count(*) from inbox where event_id in ('" + poisoned.id() + "', '" + forged.id() + "')")).isZero();
    }

    @Test
    void outboxEvents_nameTheServiceAsTheirSource() {
        UUID org = UUID.randomUUID();
        EventEnvelope envelope = transactional().transactional(outbox.append(THING_RECORDED, org, "tester", new ThingRecorded(org, 0, "sourced"))).block();
        // spring.application.name of the test app: the owner name consumers check against io.switchboard.events.Topics
        assertThat(envelope.source()).isEqualTo("org-service");
        assertThat(payloadOf(envelope.id())).contains("\"source\":\"org-service\"");
    }

    @Test
    void invitationLinkInASentEvent_doesNotStayInTheOutbox() {
        UUID org = UUID.randomUUID();
        String link = "https://switchboard.test/invitations/accept#" + UUID.randomUUID();
        UUID event = appendCommitted(org, 0, link);
        assertThat(payloadOf(event)).contains(link);

        newRelay().publishPending().block();

        assertThat(payloadOf(event)).isEqualTo("{}");
        assertThat(count("select count(*) from outbox where event_id = '" + event + "' and sent_at is not null")).isEqualTo(1);
        assertThat(count("select count(*) from outbox where payload like '%" + link + "%'")).isZero();
        // what was published is the whole event: the consumer still gets the link
        awaitApplied(event);
    }

    // --- helpers

    private String payloadOf(UUID eventId) {
        return db.sql("select payload from outbox where event_id = :id").bind("id", eventId)
                .map(row -> row.get(0, String.class)).one().block();
    }

    private TransactionalOperator transactional() {
        return TransactionalOperator.create(transactionManager);
    }

    private OutboxRelay newRelay() {
        return new OutboxRelay(connectionFactory, transactional(), kafkaTemplate, properties);
    }

    private OutboxRelay startRelay() {
        OutboxRelay relay = newRelay();
        relay.start();
        startedRelays.add(relay);
        return relay;
    }

    private UUID appendCommitted(UUID org, int seq, String label) {
        return transactional().transactional(outbox.append(THING_RECORDED, org, "tester", new ThingRecorded(org, seq, label)))
                .map(EventEnvelope::id).block();
    }

    private void awaitApplied(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from applied_things where event_id = '" + eventId + "'") > 0);
    }

    private List<Integer> appliedSeqs(UUID org) {
        return db.sql("select seq from applied_things where org_id = :org order by id")
                .bind("org", org).map(row -> row.get("seq", Integer.class)).all().collectList().block();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    private static String quoted(List<UUID> ids) {
        return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }

    private long recordsOnTopicWithId(String topic, UUID id) {
        return recordsOnTopicWithIds(topic, List.of(id));
    }

    /** Reads the whole topic with a plain consumer and counts the records carrying one of these event ids. */
    private long recordsOnTopicWithIds(String topic, List<UUID> ids) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long found = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (ids.contains(serde.fromJson(record.value()).id())) {
                        found++;
                    }
                }
            }
            return found;
        }
    }
}
