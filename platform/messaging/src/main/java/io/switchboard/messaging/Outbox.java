package io.switchboard.messaging;

import io.switchboard.events.EventType;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Appends events to the service's outbox table. Call it inside the transaction that makes the state change
 * (a {@code TransactionalOperator} or {@code @Transactional} Mono): both commit together or neither does.
 * {@link OutboxRelay} publishes committed rows.
 */
public class Outbox {

    /** The {@code event_type} of a tombstone's row. */
    public static final String TOMBSTONE = "tombstone";

    private final DatabaseClient db;
    private final EventSerde serde;

    public Outbox(DatabaseClient db, EventSerde serde) {
        this.db = db;
        this.serde = serde;
    }

    public <T extends Record> Mono<EventEnvelope> append(EventType<T> type, UUID orgId, String actor, T data) {
        return append(type, orgId, orgId.toString(), actor, data);
    }

    /** An event under another record key than the orgId (a state topic's {@code <orgId>:<id>}, {@link io.switchboard.events.Topics#isState}). */
    public <T extends Record> Mono<EventEnvelope> append(EventType<T> type, UUID orgId, String key, String actor, T data) {
        EventEnvelope envelope = serde.envelope(type, orgId, actor, data);
        return db.sql("insert into outbox (event_id, topic, event_key, event_type, payload) values (:id, :topic, :key, :type, :payload)")
                .bind("id", envelope.id())
                .bind("topic", type.topic())
                .bind("key", key)
                .bind("type", type.name())
                .bind("payload", serde.toJson(envelope))
                .fetch().rowsUpdated()
                .thenReturn(envelope);
    }

    /**
     * A tombstone (a record without value) for {@code key} on a compacted topic: the key's state has ended. The
     * row has no payload, so the service's outbox table must allow that (org-service's V4 migration).
     */
    public Mono<Void> appendTombstone(String topic, String key) {
        return db.sql("insert into outbox (event_id, topic, event_key, event_type, payload) values (:id, :topic, :key, :type, null)")
                .bind("id", UUID.randomUUID())
                .bind("topic", topic)
                .bind("key", key)
                .bind("type", TOMBSTONE)
                .fetch().rowsUpdated()
                .then();
    }
}
