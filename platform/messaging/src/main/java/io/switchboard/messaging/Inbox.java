package io.switchboard.messaging;

import io.switchboard.events.EventProvenance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * Idempotent consumption: the event id goes into the inbox in the same transaction as the consumer's effect.
 * A redelivered event finds its row and has no second effect; a failed effect rolls the row back too. Each
 * record's effect runs in the trace its {@code traceparent} header names ({@link Traces}).
 */
public class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final Duration MAX_EFFECT_TIME = Duration.ofSeconds(30);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final EventSerde serde;
    private final Traces traces;

    public Inbox(DatabaseClient db, TransactionalOperator tx, EventSerde serde) {
        this(db, tx, serde, Traces.none());
    }

    public Inbox(DatabaseClient db, TransactionalOperator tx, EventSerde serde, Traces traces) {
        this.db = db;
        this.tx = tx;
        this.serde = serde;
        this.traces = traces;
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
        EventEnvelope event = believable(record);
        traces.received(consumer, record.topic(), traceparentOf(record), process(consumer, event, effect)).block(MAX_EFFECT_TIME);
    }

    /** The record's {@value Traces#TRACEPARENT} header (the trace its event was written in); null without one. */
    static String traceparentOf(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(Traces.TRACEPARENT);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }

    /**
     * For a batch {@code @KafkaListener} ({@code batch = "true"}): as {@link #consume} for every record, but the
     * records of one key (one organization) take effect together, up to {@value #MAX_TOGETHER} in one transaction,
     * in their order: one commit, one inbox insert and (for a consumer that locks per organization) one lock instead
     * of one each. Different keys run side by side (up to {@value #KEYS_AT_ONCE} at once), each in its own transactions.
     *
     * <p>Failures keep the single-record contract: when a transaction fails, the records of every key whose
     * transactions did not all commit are applied again one at a time in offset order (what already took effect
     * is skipped by its inbox row), and the first record that
     * fails on its own is reported to the container as a {@link BatchListenerFailedException} with its index. The
     * error handler then commits the offsets before it, retries it or sends it to the dead-letter topic (at once
     * for a rejection), and delivers the rest again; their inbox rows drop what already took effect. A record
     * that cannot be believed (see {@link #believable}) fails at its index after the records before it took effect.
     */
    public void consumeBatch(String consumer, List<ConsumerRecord<String, String>> records, Function<EventEnvelope, Mono<Void>> effect) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("Inbox.consumeBatch blocks; call it from a Kafka listener thread");
        }
        List<Believed> believed = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            EventEnvelope event;
            try {
                event = believable(records.get(index));
            } catch (RuntimeException unbelievable) {
                applyTogether(consumer, believed, effect);
                throw new BatchListenerFailedException(unbelievable.getMessage(), unbelievable, index);
            }
            believed.add(Believed.of(index, records.get(index), event));
        }
        applyTogether(consumer, believed, effect);
    }

    /** The most records of one key applied in one transaction; a bound on how long a transaction holds its locks. */
    static final int MAX_TOGETHER = 25;

    /** How many keys' transactions run at once; one key's run one after another, in order. */
    static final int KEYS_AT_ONCE = 4;

    /** Well inside Kafka's max.poll.interval.ms (5 minutes), so that a slow batch is not also a rebalance. */
    private static final Duration MAX_BATCH_TIME = Duration.ofMinutes(3);

    /** A believed record; {@code key} names its ordering scope: the organization (its subject), else its record key. */
    private record Believed(int index, String key, EventEnvelope event, String topic, String traceparent) {

        static Believed of(int index, ConsumerRecord<String, String> record, EventEnvelope event) {
            String scope = event.subject() != null ? event.subject() : String.valueOf(record.key());
            try {
                scope = UUID.fromString(scope).toString(); // one organization however its id is spelled (provenance compares parsed ids)
            } catch (IllegalArgumentException notAnId) {
                // not an organization: the key as sent
            }
            return new Believed(index, scope, event, record.topic(), traceparentOf(record));
        }
    }

    private void applyTogether(String consumer, List<Believed> believed, Function<EventEnvelope, Mono<Void>> effect) {
        Map<String, List<List<Believed>>> byKey = new LinkedHashMap<>();
        believed.forEach(record -> {
            List<List<Believed>> chunks = byKey.computeIfAbsent(record.key(), key -> new ArrayList<>());
            if (chunks.isEmpty() || chunks.getLast().size() == MAX_TOGETHER) {
                chunks.add(new ArrayList<>());
            }
            chunks.getLast().add(record);
        });
        Set<String> done = ConcurrentHashMap.newKeySet();
        try {
            // delayError: one key's failure lets the other keys' transactions finish (commit or roll back) instead of
            // cancelling them mid-statement. Cancelling them was the suspected cause of a CI failure in which another
            // test's write was never seen (not reproduced): a connection given back to the pool inside a transaction.
            Flux.fromIterable(byKey.entrySet())
                    .flatMapDelayError(ofKey -> Flux.fromIterable(ofKey.getValue())
                            .concatMap(chunk -> tx.transactional(applyAll(consumer, chunk, effect)))
                            .doOnComplete(() -> done.add(ofKey.getKey())), KEYS_AT_ONCE, 32)
                    .then()
                    .block(MAX_BATCH_TIME);
        } catch (RuntimeException failed) {
            log.warn("{}: a transaction of a batch failed ({}); applying the unfinished keys' records one at a time", consumer, failed.toString());
            for (Believed record : believed) {
                if (done.contains(record.key())) {
                    continue;
                }
                try {
                    traces.received(consumer, record.topic(), record.traceparent(), process(consumer, record.event(), effect)).block(MAX_EFFECT_TIME);
                } catch (RuntimeException alone) {
                    throw new BatchListenerFailedException(String.valueOf(alone.getMessage()), alone, record.index());
                }
            }
        }
    }

    /** One inbox insert for all of them, then the effects of those it had not seen, in order. */
    private Mono<Void> applyAll(String consumer, List<Believed> records, Function<EventEnvelope, Mono<Void>> effect) {
        UUID[] ids = records.stream().map(record -> record.event().id()).toArray(UUID[]::new);
        String[] types = records.stream().map(record -> record.event().type()).toArray(String[]::new);
        return db.sql("insert into inbox (consumer, event_id, event_type) select :consumer, id, type from unnest(:ids, :types) as e(id, type) "
                        + "on conflict do nothing returning event_id")
                .bind("consumer", consumer).bind("ids", ids).bind("types", types)
                .map(row -> row.get("event_id", UUID.class)).all().collect(Collectors.toCollection(HashSet::new))
                .flatMap(fresh -> Flux.fromIterable(records)
                        .filter(record -> fresh.remove(record.event().id())) // a repeated id within the batch takes effect once
                        .concatMap(record -> traces.received(consumer, record.topic(), record.traceparent(), Mono.defer(() -> effect.apply(record.event()))))
                        .then());
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
