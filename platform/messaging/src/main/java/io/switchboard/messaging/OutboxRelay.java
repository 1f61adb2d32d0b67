package io.switchboard.messaging;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Publishes committed outbox rows to Kafka in {@code seq} order and marks them sent.
 *
 * <p>It wakes on Postgres NOTIFY (sent by a trigger when an inserting transaction commits) and, as a safety
 * net, on a slow poll. Each batch runs in one transaction that first takes a transaction-scoped advisory
 * lock: only one relay instance publishes at a time, so two instances never both publish a row in the normal
 * case, and per-key order holds across batches (row locks with SKIP LOCKED alone would let two instances
 * publish neighbouring batches of one org concurrently, out of order).
 *
 * <p>Only the leading relay of a database wakes on NOTIFY: the one whose LISTEN connection holds the session-level
 * leader lock. The others would only lose the batch lock to it, a transaction each per commit; they keep the slow
 * poll and try for the leader lock at each one, so when the leader's connection ends one of them leads within a poll.
 * Leading is only about waking up: the batch lock above, not the leader lock, is what keeps the order.
 *
 * <p>A relay that dies after sending and before marking leaves the rows unsent; they are sent again, and
 * the consumers' inbox drops the copies. At-least-once delivery, exactly-once effect.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock id meaning "the outbox relay of this database". */
    private static final long RELAY_LOCK = 0x5EB0A2D0_0B0CL;
    /** Session-level advisory lock id held by the LISTEN connection of the relay that wakes on NOTIFY. */
    private static final long LEADER_LOCK = 0x5EB0A2D0_0B0DL;

    private final ConnectionFactory connectionFactory;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, String> kafka;
    private final MessagingProperties properties;
    private volatile Function<List<UUID>, Mono<Void>> afterSend = sent -> Mono.empty();
    private volatile Disposable running;
    private volatile boolean leading;

    public OutboxRelay(ConnectionFactory connectionFactory, TransactionalOperator tx, KafkaTemplate<String, String> kafka,
                       MessagingProperties properties) {
        this.connectionFactory = connectionFactory;
        this.db = DatabaseClient.create(connectionFactory);
        this.tx = tx;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Publishes every committed unsent row; answers how many this call published (0 if another relay holds the lock). */
    public Mono<Long> publishPending() {
        return publishBatch()
                .expand(published -> published >= properties.relayBatchSize() ? publishBatch() : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private Mono<Integer> publishBatch() {
        Mono<Integer> batch = lockUnsentRows()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0) : send(rows)
                        .then(Mono.defer(() -> afterSend.apply(rows.stream().map(PendingRow::eventId).toList())))
                        .then(markSent(rows))
                        .thenReturn(rows.size()));
        return tx.transactional(batch);
    }

    /**
     * The oldest unsent rows, row-locked, if this transaction gets the relay lock; none if another relay holds it. The
     * lock is taken by the statement itself (an uncorrelated subquery, evaluated once before the scan): one round trip.
     */
    private Mono<List<PendingRow>> lockUnsentRows() {
        return db.sql("select seq, event_id, topic, event_key, payload, traceparent from outbox "
                        + "where sent_at is null and (select pg_try_advisory_xact_lock(:lock)) order by seq limit :limit for update")
                .bind("lock", RELAY_LOCK)
                .bind("limit", properties.relayBatchSize())
                .map(row -> new PendingRow(
                        row.get("seq", Long.class),
                        row.get("event_id", UUID.class),
                        row.get("topic", String.class),
                        row.get("event_key", String.class),
                        row.get("payload", String.class),
                        row.get("traceparent", String.class)))
                .all()
                .collectList();
    }

    /**
     * Hands every row to the producer in order (a row without payload as a tombstone), then waits for all
     * acks. The idempotent producer keeps their order per partition. send() may block on metadata, hence boundedElastic.
     */
    private Mono<Void> send(List<PendingRow> rows) {
        return Mono.fromCallable(() -> {
                    CompletableFuture<?>[] sends = rows.stream().map(row -> kafka.send(record(row))).toArray(CompletableFuture[]::new);
                    // the whole batch is in the producer: send it now rather than after linger.ms, which only delays a relay that waits for the acks
                    kafka.flush();
                    return sends;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sends -> Mono.fromFuture(CompletableFuture.allOf(sends)));
    }

    /** The row as a record; the trace context it was written in goes along as the {@code traceparent} header. */
    private static ProducerRecord<String, String> record(PendingRow row) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        if (row.traceparent() != null) {
            record.headers().add(Traces.TRACEPARENT, row.traceparent().getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    /**
     * Marks the rows sent and clears their payload in the same statement: no event payload (a mail request
     * carrying an invitation link, say) stays at rest once Kafka has it. The row keeps id, topic, key, type
     * and times until {@code sent-retention} ends.
     */
    private Mono<Void> markSent(List<PendingRow> rows) {
        Long[] seqs = rows.stream().map(PendingRow::seq).toArray(Long[]::new);
        return db.sql("update outbox set sent_at = now(), payload = case when payload is null then null else '{}' end where seq = any(:seqs)")
                .bind("seqs", seqs)
                .fetch().rowsUpdated()
                .then();
    }

    private Mono<Long> deleteOldSentRows() {
        return db.sql("delete from outbox where sent_at < now() - make_interval(secs => :seconds)")
                .bind("seconds", (double) properties.sentRetention().toSeconds())
                .fetch().rowsUpdated();
    }

    /**
     * Wake-ups from Postgres: commit notifications while this relay leads, and one when it becomes the leader. Tries
     * for the leader lock every {@code relayPoll} until it has it. Reconnects with backoff if the connection drops.
     */
    private Flux<Object> commitNotifications() {
        return Flux.usingWhen(connectionFactory.create(), this::listen, this::release)
                .concatWith(Mono.error(() -> new IllegalStateException("LISTEN connection ended")))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(15))
                        .doBeforeRetry(signal -> log.warn("outbox LISTEN connection lost ({}); reconnecting", signal.failure().getMessage())));
    }

    private Flux<Object> listen(Connection connection) {
        PostgresqlConnection postgres = unwrap(connection);
        if (postgres == null) {
            log.warn("not a PostgreSQL connection: the outbox relay polls every {}", properties.relayPoll());
            return Flux.never();
        }
        Flux<Object> becameLeader = Flux.interval(Duration.ZERO, properties.relayPoll())
                .concatMap(tick -> leading ? Mono.empty() : tryToLead(postgres))
                .filter(Boolean::booleanValue)
                .doOnNext(leads -> log.info("this outbox relay leads: it wakes on commits"))
                .cast(Object.class);
        return postgres.createStatement("LISTEN outbox").execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .thenMany(Flux.merge(postgres.getNotifications().filter(notification -> leading).cast(Object.class), becameLeader));
    }

    private Mono<Boolean> tryToLead(PostgresqlConnection postgres) {
        return postgres.createStatement("select pg_try_advisory_lock(" + LEADER_LOCK + ")").execute()
                .flatMap(result -> result.map((row, metadata) -> Boolean.TRUE.equals(row.get(0, Boolean.class))))
                .next()
                .doOnNext(locked -> leading = locked);
    }

    /** Gives the connection back without its LISTEN and leader lock (it may go back to a pool); a dead one has lost both. */
    private Mono<Void> release(Connection connection) {
        leading = false;
        PostgresqlConnection postgres = unwrap(connection);
        Mono<Void> clean = postgres == null ? Mono.empty()
                : postgres.createStatement("UNLISTEN *; select pg_advisory_unlock_all()").execute().flatMap(PostgresqlResult::getRowsUpdated).then();
        return clean.onErrorResume(e -> Mono.empty()).then(Mono.from(connection.close()));
    }

    /** Whether this relay's LISTEN connection holds the leader lock (wakes on commits). */
    boolean leading() {
        return leading;
    }

    private static PostgresqlConnection unwrap(Connection connection) {
        Object current = connection;
        while (!(current instanceof PostgresqlConnection) && current instanceof Wrapped<?> wrapped) {
            current = wrapped.unwrap();
        }
        return current instanceof PostgresqlConnection postgres ? postgres : null;
    }

    @Override
    public void start() {
        Flux<Object> wakeUps = Flux.merge(commitNotifications(), Flux.interval(Duration.ZERO, properties.relayPoll()));
        Disposable relay = wakeUps
                .onBackpressureLatest()
                .concatMap(wake -> publishPending()
                        .onErrorResume(e -> {
                            log.warn("outbox relay: publishing failed, will retry: {}", e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
        Disposable cleanup = Flux.interval(Duration.ofMinutes(1), Duration.ofHours(1))
                .concatMap(tick -> deleteOldSentRows().onErrorResume(e -> Mono.empty()))
                .subscribe();
        running = () -> {
            relay.dispose();
            cleanup.dispose();
        };
        log.info("outbox relay started (poll {}, batch {})", properties.relayPoll(), properties.relayBatchSize());
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /** Test hook: runs after a batch is sent and before it is marked, inside the batch's transaction. */
    void afterSend(Function<List<UUID>, Mono<Void>> hook) {
        this.afterSend = hook;
    }

    private record PendingRow(long seq, UUID eventId, String topic, String key, String payload, String traceparent) {
    }
}
