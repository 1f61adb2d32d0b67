package io.switchboard.messaging;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventType;
import io.switchboard.events.Topics;
import io.switchboard.events.org.OrganizationDeleted;
import io.switchboard.testing.Events;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A minimal service: one event type, one idempotent consumer whose effect is a row per applied event. It runs
 * as org-service (spring.application.name) on an org.* topic, so its own events pass the provenance check;
 * a second consumer applies org.organization.deleted from the real org.memberships.v1, for the forgery tests.
 */
@SpringBootApplication
class MessagingTestApplication {

    static final String TOPIC = "org.messaging-test-things.v1";
    static final EventType<ThingRecorded> THING_RECORDED = new EventType<>("test.thing.recorded", TOPIC, ThingRecorded.class, 1);
    static final String POISON = "poison";
    static final String BATCH_TOPIC = "org.messaging-test-batches.v1";
    static final EventType<ThingRecorded> THING_BATCHED = new EventType<>("test.thing.batched", BATCH_TOPIC, ThingRecorded.class, 1);

    record ThingRecorded(UUID orgId, int seq, String label) {
    }

    @Component
    static class ThingsConsumer {
        private final Inbox inbox;
        private final EventSerde serde;
        private final DatabaseClient db;
        /** When each event's effect committed, for the latency benchmark. */
        final Map<UUID, Long> appliedAtNanos = new ConcurrentHashMap<>();

        ThingsConsumer(Inbox inbox, EventSerde serde, DatabaseClient db) {
            this.inbox = inbox;
            this.serde = serde;
            this.db = db;
        }

        @KafkaListener(topics = TOPIC)
        void on(ConsumerRecord<String, String> record) {
            inbox.consume("things-consumer", record, event -> {
                ThingRecorded thing = serde.data(event, THING_RECORDED);
                if (POISON.equals(thing.label())) {
                    return Mono.error(new IllegalStateException("cannot apply a poisoned thing"));
                }
                return db.sql("insert into applied_things (event_id, org_id, seq) values (:id, :org, :seq)")
                        .bind("id", event.id()).bind("org", thing.orgId()).bind("seq", thing.seq())
                        .fetch().rowsUpdated().then();
            });
            UUID id = serde.fromJson(record.value()).id();
            appliedAtNanos.putIfAbsent(id, System.nanoTime());
        }
    }

    /** The same effect as {@link ThingsConsumer}, consumed in batches ({@link Inbox#consumeBatch}). */
    @Component
    static class BatchedThingsConsumer {
        private final Inbox inbox;
        private final EventSerde serde;
        private final DatabaseClient db;

        BatchedThingsConsumer(Inbox inbox, EventSerde serde, DatabaseClient db) {
            this.inbox = inbox;
            this.serde = serde;
            this.db = db;
        }

        @KafkaListener(topics = BATCH_TOPIC, batch = "true")
        void on(java.util.List<ConsumerRecord<String, String>> records) {
            inbox.consumeBatch("batched-things-consumer", records, event -> {
                ThingRecorded thing = serde.data(event, THING_BATCHED);
                Mono<Void> effect = db.sql("insert into applied_things (event_id, org_id, seq) values (:id, :org, :seq)")
                        .bind("id", event.id()).bind("org", thing.orgId()).bind("seq", thing.seq())
                        .fetch().rowsUpdated().then();
                // the poison fails after its effect is written: the transaction must take that back too
                return POISON.equals(thing.label()) ? effect.then(Mono.error(new IllegalStateException("cannot apply a poisoned thing"))) : effect;
            });
        }
    }

    /** Records each org deletion it believes; counts every delivery attempt per record, rejected or not. */
    @Component
    static class OrgDeletionsConsumer {
        private final Inbox inbox;
        private final EventSerde serde;
        private final DatabaseClient db;
        final Map<String, Integer> attempts = new ConcurrentHashMap<>();

        OrgDeletionsConsumer(Inbox inbox, EventSerde serde, DatabaseClient db) {
            this.inbox = inbox;
            this.serde = serde;
            this.db = db;
        }

        @KafkaListener(topics = Topics.ORG_MEMBERSHIPS)
        void on(ConsumerRecord<String, String> record) {
            attempts.merge(String.valueOf(Events.eventId(record)), 1, Integer::sum);
            inbox.consume("org-deletions-consumer", record, event -> {
                if (!EventCatalog.ORGANIZATION_DELETED.name().equals(event.type())) {
                    return Mono.empty();
                }
                OrganizationDeleted deleted = serde.data(event, EventCatalog.ORGANIZATION_DELETED);
                return db.sql("insert into deleted_orgs (event_id, org_id) values (:id, :org)")
                        .bind("id", event.id()).bind("org", deleted.orgId())
                        .fetch().rowsUpdated().then();
            });
        }
    }
}
