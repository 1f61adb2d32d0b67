package io.switchboard.messaging;

import io.switchboard.events.EventType;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A minimal service: one event type, one idempotent consumer whose effect is a row per applied event. */
@SpringBootApplication
class MessagingTestApplication {

    static final String TOPIC = "messaging-test.things.v1";
    static final EventType<ThingRecorded> THING_RECORDED = new EventType<>("test.thing.recorded", TOPIC, ThingRecorded.class, 1);
    static final String POISON = "poison";

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
}
