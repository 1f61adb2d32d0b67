package io.switchboard.notification.inapp;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import io.switchboard.notification.postgres.DirectConnections;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * PostgreSQL notifications, heard on every instance of the service: {@code notification_created} and
 * {@code notification_read} (payload: the person's id) wake that person's live streams; {@code live_stream_close}
 * (payload {@code session:<hash>}, {@code member:<orgId>:<userId>} or {@code org:<orgId>}) closes streams wherever they are open. One
 * dedicated connection (the driver's own, not one of the pool's) LISTENs, pinged every {@link #PING_EVERY} so a
 * silently dropped one is noticed, reconnecting with backoff when it drops. After a (re)connect every stream is
 * woken to look for itself and the streams are swept ({@link LiveStreams#sweep()}: closes missed meanwhile); every
 * {@code switchboard.notifications.safety-poll}, as a safety net, the people with notifications beyond the last
 * seq the poll saw are woken and the streams swept again.
 */
@Component
class Signals implements SmartLifecycle {

    static final String CLOSE = "live_stream_close";

    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    /** What was heard; {@code userId} null wakes every stream. */
    record Wake(UUID userId) {
        boolean concerns(UUID user) {
            return userId == null || userId.equals(user);
        }
    }

    /** How often the LISTEN connection is pinged, and how long a ping may take before the connection counts as lost. */
    static final Duration PING_EVERY = Duration.ofSeconds(15);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final ConnectionFactory connectionFactory;
    private final InAppProperties properties;
    private final LiveStreams streams;
    private final NotificationStore store;
    /** The highest seq the safety poll has seen, the mark of its last tick and of the tick before (null until its first). */
    private volatile Long highWater;
    private volatile Long lastMark;
    private volatile Long previousMark;
    private final Sinks.Many<Wake> wakes = Sinks.many().multicast().directBestEffort();
    private volatile Disposable running;

    Signals(ConnectionFactory connectionFactory, InAppProperties properties, LiveStreams streams, NotificationStore store) {
        this.store = store;
        // a connection of its own, not one of the pool's (it stays open for as long as the service runs)
        this.connectionFactory = DirectConnections.unwrap(connectionFactory);
        this.properties = properties;
        this.streams = streams;
    }

    /** Wake-ups for one person's streams (hot: only what is heard from now on). */
    Flux<Wake> wakeUpsOf(UUID userId) {
        return wakes.asFlux().filter(wake -> wake.concerns(userId));
    }

    private void wake(Wake wake) {
        synchronized (wakes) {
            wakes.tryEmitNext(wake);
        }
    }

    void heard(String channel, String payload) {
        if (NotificationStore.CREATED.equals(channel) || NotificationStore.READ.equals(channel)) {
            try {
                wake(new Wake(UUID.fromString(payload)));
            } catch (IllegalArgumentException | NullPointerException notAUser) {
                log.warn("ignoring {} notification with payload {}", channel, payload);
            }
        } else if (CLOSE.equals(channel)) {
            streams.closeLocally(payload);
        }
    }

    private Flux<Object> listen() {
        return Flux.usingWhen(connectionFactory.create(), this::listen, Connection::close)
                .concatWith(Mono.error(() -> new IllegalStateException("LISTEN connection ended")))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(15))
                        .doBeforeRetry(signal -> log.warn("notifications LISTEN connection lost ({}); reconnecting", signal.failure().getMessage())));
    }

    private Flux<Object> listen(Connection connection) {
        PostgresqlConnection postgres = unwrap(connection);
        if (postgres == null) {
            log.warn("not a PostgreSQL connection: live streams are woken every {} only", properties.safetyPoll());
            return Flux.never();
        }
        return postgres.createStatement("LISTEN " + NotificationStore.CREATED + "; LISTEN " + NotificationStore.READ + "; LISTEN " + CLOSE)
                .execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                // listening now: whatever was stored while it was not is picked up by waking every stream
                .doOnComplete(() -> wake(new Wake(null)))
                // and closes announced while it was not are made up for by sweeping
                .thenMany(Flux.merge(
                        sweep(),
                        postgres.getNotifications()
                                .doOnNext(heard -> heard(heard.getName(), heard.getParameter()))
                                .cast(Object.class),
                        // a silently dropped connection is noticed by a ping that does not answer: an error reconnects
                        Flux.interval(PING_EVERY, PING_EVERY)
                                .concatMap(tick -> postgres.createStatement("select 1").execute()
                                        .flatMap(result -> result.map((row, meta) -> 1))
                                        .then()
                                        .timeout(PING_TIMEOUT))
                                .cast(Object.class)));
    }

    private Mono<Object> sweep() {
        return streams.sweep()
                .doOnNext(closed -> {
                    if (closed > 0) {
                        log.info("closed {} live stream(s) whose member left or whose session ended", closed);
                    }
                })
                .onErrorResume(failed -> {
                    log.warn("could not sweep the live streams: {}", failed.toString());
                    return Mono.empty();
                })
                .then(Mono.empty());
    }

    /**
     * The safety net: wakes the people with notifications beyond the mark of the tick before last (all streams on the
     * first tick), and sweeps. Looking back two ticks catches a notification whose seq was drawn before a higher one's
     * but committed after the last tick looked (a person woken twice finds nothing new the second time).
     */
    Mono<Void> poll() {
        Long floor = previousMark;
        Mono<Void> wakeUps = floor == null
                ? store.maxSeq().doOnNext(max -> {
                    previousMark = max;
                    lastMark = max;
                    highWater = max;
                    wake(new Wake(null));
                }).then()
                : store.changedSince(floor).doOnNext(changed -> {
                    highWater = Math.max(highWater, changed.seq());
                    wake(new Wake(changed.userId()));
                }).then(Mono.fromRunnable(() -> previousMark = lastMark)).then(Mono.fromRunnable(() -> lastMark = highWater));
        return wakeUps.onErrorResume(failed -> {
                    log.warn("live streams' safety poll failed: {}", failed.toString());
                    return Mono.empty();
                })
                .then(sweep()).then();
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
        Disposable listening = listen().subscribe();
        Disposable poll = Flux.interval(properties.safetyPoll(), properties.safetyPoll()).onBackpressureDrop()
                .concatMap(tick -> poll(), 1).subscribe();
        running = () -> {
            listening.dispose();
            poll.dispose();
        };
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
}
