package io.switchboard.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Gauges of the outbox: {@code switchboard.outbox.backlog} (unsent rows) and {@code switchboard.outbox.oldest.age}
 * (seconds since the oldest unsent row was written; 0 when none is). One small query every {@code refresh} on a
 * timer, not per scrape: a scrape reads the last figures and never waits for the database. A growing age means the
 * relay is not publishing (Kafka down, the relay lock held by a stuck instance).
 */
public class OutboxMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    private final DatabaseClient db;
    private final ObjectProvider<MeterRegistry> meters;
    private final Duration refresh;
    private final AtomicReference<Figures> last = new AtomicReference<>(new Figures(0, 0));
    private volatile Disposable running;

    public OutboxMetrics(DatabaseClient db, ObjectProvider<MeterRegistry> meters, Duration refresh) {
        this.db = db;
        this.meters = meters;
        this.refresh = refresh;
    }

    record Figures(long backlog, double oldestAgeSeconds) {
    }

    /** Reads the figures now. */
    Mono<Figures> read() {
        return db.sql("select count(*) as backlog, "
                        + "cast(coalesce(extract(epoch from clock_timestamp() - min(created_at)), 0) as double precision) as age "
                        + "from outbox where sent_at is null")
                .map(row -> new Figures(row.get("backlog", Long.class), Math.max(0, row.get("age", Double.class))))
                .one()
                .doOnNext(last::set);
    }

    @Override
    public void start() {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null) {
            return;
        }
        Gauge.builder("switchboard.outbox.backlog", last, figures -> figures.get().backlog())
                .description("Outbox rows not yet published to Kafka")
                .baseUnit("rows")
                .register(registry);
        Gauge.builder("switchboard.outbox.oldest.age", last, figures -> figures.get().oldestAgeSeconds())
                .description("Age of the oldest outbox row not yet published (0 when none is)")
                .baseUnit("seconds")
                .register(registry);
        running = Flux.interval(Duration.ZERO, refresh, Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> read().onErrorResume(e -> {
                    log.debug("outbox gauges not refreshed: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
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
