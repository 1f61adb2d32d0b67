package io.switchboard.messaging;

import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Idempotent consumption: the event id goes into the inbox in the same transaction as the consumer's effect.
 * A redelivered event finds its row and has no second effect; a failed effect rolls the row back too.
 */
public class Inbox {

    private static final Duration MAX_EFFECT_TIME = Duration.ofSeconds(30);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final EventSerde serde;

    public Inbox(DatabaseClient db, TransactionalOperator tx, EventSerde serde) {
        this.db = db;
        this.tx = tx;
        this.serde = serde;
    }

    /** Applies the effect once per (consumer, event id); answers false for a duplicate. */
    public Mono<Boolean> process(String consumer, EventEnvelope event, Function<EventEnvelope, Mono<Void>> effect) {
        Mono<Boolean> once = db.sql("insert into inbox (consumer, event_id, event_type) values (:consumer, :id, :type) on conflict do nothing")
                .bind("consumer", consumer)
                .bind("id", event.id())
                .bind("type", event.type())
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0 ? Mono.just(false) : effect.apply(event).thenReturn(true));
        return tx.transactional(once);
    }

    /**
     * For a {@code @KafkaListener} method: runs {@link #process} to completion on the Kafka consumer thread,
     * so that records of a partition (one org's events) take effect one after another and a failure reaches
     * the container's error handler (retries, then the dead-letter topic). Kafka consumer threads are not
     * Netty threads; blocking them is what keeps the order.
     */
    public void consume(String consumer, ConsumerRecord<String, String> record, Function<EventEnvelope, Mono<Void>> effect) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("Inbox.consume blocks; call it from a Kafka listener thread, or use process()");
        }
        process(consumer, serde.fromJson(record.value()), effect).block(MAX_EFFECT_TIME);
    }
}
