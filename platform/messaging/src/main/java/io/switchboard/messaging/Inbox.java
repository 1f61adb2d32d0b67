package io.switchboard.messaging;

import io.switchboard.events.EventProvenance;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * Idempotent consumption: the event id goes into the inbox in the same transaction as the consumer's effect.
 * A redelivered event finds its row and has no second effect; a failed effect rolls the row back too.
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final Duration MAX_EFFECT_TIME = Duration.ofSeconds(30);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final EventSerde serde;

    public Inbox(DatabaseClient db, TransactionalOperator tx, EventSerde serde) {
        this.db = db;
        this.tx = tx;
        this.serde = serde;
    }

    /**
     * Applies the effect once per (consumer, event id); answers false for a duplicate. It does not check the
     * event's provenance: listeners call {@link #consume}, which does; call this only with an envelope that
     * {@link #believable} returned or that this service made itself.
     */
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
     * For a {@code @KafkaListener} method: checks the record's provenance, then runs {@link #process} to
     * completion on the Kafka consumer thread, so that records of a partition (one org's events) take effect
     * one after another and a failure reaches the container's error handler (retries, then the dead-letter
     * topic). Kafka consumer threads are not Netty threads; blocking them is what keeps the order.
     *
     * <p>Before any effect, and before the inbox row: a record whose envelope {@code source} does not own the
     * topic, or whose {@code subject}, key and {@code data.orgId} disagree, is refused with a
     * {@link RejectedRecordException}, which the error handler sends to {@code <topic>.DLT} without retries.
     */
    public void consume(String consumer, ConsumerRecord<String, String> record, Function<EventEnvelope, Mono<Void>> effect) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("Inbox.consume blocks; call it from a Kafka listener thread, or use process()");
        }
        process(consumer, believable(record), effect).block(MAX_EFFECT_TIME);
    }

    /** The record's envelope, if the record may be believed; a {@link RejectedRecordException} otherwise. */
    public EventEnvelope believable(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw reject(record, "record has no value");
        }
        EventEnvelope event = serde.fromJson(record.value());
        String reason = EventProvenance.rejection(record.topic(), record.key(), event.source(), event.subject(), event.type(),
                dataOrgId(event.data())).orElse(null);
        if (reason != null || event.id() == null) {
            throw reject(record, reason != null ? reason : "envelope has no id");
        }
        return event;
    }

    private static RejectedRecordException reject(ConsumerRecord<String, String> record, String reason) {
        log.warn("rejected {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        return new RejectedRecordException(reason);
    }

    /** The data's orgId as sent (a non-text orgId as its JSON, so that it cannot match); null when absent. */
    private static String dataOrgId(JsonNode data) {
        if (data == null || !data.has("orgId") || data.get("orgId").isNull()) {
            return null;
        }
        JsonNode orgId = data.get("orgId");
        return orgId.isString() ? orgId.asString() : orgId.toString();
    }
}
