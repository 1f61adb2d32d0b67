package io.switchboard.messaging;

import io.switchboard.events.EventType;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Appends events to the service's outbox table. Call it inside the transaction that makes the state change
 * (a {@code TransactionalOperator} or {@code @Transactional} Mono): both commit together or neither does.
 * {@link OutboxRelay} publishes committed rows. The row keeps the current trace context ({@link Traces}).
 */
public class Outbox {

    /** The {@code event_type} of a tombstone's row. */
    public static final String TOMBSTONE = "tombstone";

    private final DatabaseClient db;
    private final EventSerde serde;
    private final Traces traces;

    public Outbox(DatabaseClient db, EventSerde serde) {
        this(db, serde, Traces.none());
    }

    public Outbox(DatabaseClient db, EventSerde serde, Traces traces) {
        this.db = db;
        this.serde = serde;
        this.traces = traces;
    }

    public <T extends Record> Mono<EventEnvelope> append(EventType<T> type, UUID orgId, String actor, T data) {
        return append(type, orgId, orgId.toString(), actor, data);
    }

    /** An event under another record key than the orgId (a state topic's {@code <orgId>:<id>}, {@link io.switchboard.events.Topics#isState}). */
    public <T extends Record> Mono<EventEnvelope> append(EventType<T> type, UUID orgId, String key, String actor, T data) {
        EventEnvelope envelope = serde.envelope(type, orgId, actor, data);
        return Mono.deferContextual(context -> {
            String traceparent = traces.traceparent(context);
            var insert = db.sql("insert into outbox (event_id, topic, event_key, event_type, payload, traceparent) "
                            + "values (:id, :topic, :key, :type, :payload, :traceparent)")
                    .bind("id", envelope.id())
                    .bind("topic", type.topic())
                    .bind("key", key)
                    .bind("type", type.name())
                    .bind("payload", serde.toJson(envelope));
            insert = traceparent != null ? insert.bind("traceparent", traceparent) : insert.bindNull("traceparent", String.class);
            return insert.fetch().rowsUpdated().thenReturn(envelope);
        });
    }

    /**
     * A tombstone (a record without value) for {@code key} on a compacted topic: the key's state has ended. The
     * row has no payload, so the service's outbox table must allow that (org-service's V5 migration).
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
