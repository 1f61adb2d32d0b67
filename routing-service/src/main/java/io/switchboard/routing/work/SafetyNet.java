package io.switchboard.routing.work;

import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.routing.portals.Portals;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The timer behind the events. Queued work is assigned by the change that frees someone up ({@link Dispatcher});
 * this only (1) drains the queues of organizations with queued work every so often, which should assign nothing
 * and logs a warning when it does (a missed trigger is a bug to find), and (2) takes back the open work of members
 * away longer than their portal's reroute-away-after-minutes, which no event marks. Safe to run on every instance:
 * each organization's write holds its lock.
 */
@Component
class SafetyNet implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SafetyNet.class);

    private final WorkItems items;
    private final Portals portals;
    private final Dispatcher dispatcher;
    private final QueueDrain queues;
    private final OrgWrites writes;
    private final Clock clock;
    private final Duration interval;
    private final AtomicReference<Disposable> running = new AtomicReference<>();

    SafetyNet(WorkItems items, Portals portals, Dispatcher dispatcher, QueueDrain queues, OrgWrites writes, Clock clock,
              @Value("${switchboard.routing.safety-net-interval:30s}") Duration interval) {
        this.items = items;
        this.portals = portals;
        this.dispatcher = dispatcher;
        this.queues = queues;
        this.writes = writes;
        this.clock = clock;
        this.interval = interval;
    }

    /** One round; answers how many items it assigned or routed again. */
    Mono<Long> round() {
        Mono<Long> drained = items.orgsWithQueuedWork()
                .concatMap(orgId -> writes.write(orgId, Actor.SYSTEM, () -> queues.drain(orgId).map(this::counted))
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.warn("safety net: {} queued item(s) of org {} were assignable and had not been assigned", n, orgId);
                            }
                        })
                        .onErrorResume(e -> skipped("draining org " + orgId, e)))
                .reduce(0L, Long::sum);
        Mono<Long> awayTooLong = portals.awayTooLong(clock.instant())
                .concatMap(away -> writes.write(away.orgId(), Actor.SYSTEM, () -> portals.stillAwayTooLong(away, clock.instant())
                                .flatMap(still -> still ? dispatcher.takeBack(away.orgId(), away.userId(), Optional.of(away.portalId()), "AWAY_TOO_LONG", null)
                                        : Mono.just(Change.<Void>none(null)))
                                .map(this::counted))
                        .onErrorResume(e -> skipped("re-routing the work of " + away.userId() + " away in portal " + away.portalId(), e)))
                .reduce(0L, Long::sum);
        return drained.zipWith(awayTooLong, Long::sum);
    }

    private static Mono<Long> skipped(String what, Throwable e) {
        log.warn("safety net: {} failed, next round tries again: {}", what, e.toString());
        return Mono.just(0L);
    }

    private Change<Long> counted(Change<Void> change) {
        return change.withResult((long) change.events().size());
    }

    @Override
    public void start() {
        running.set(Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> round().onErrorResume(e -> {
                    log.warn("safety net round failed: {}", e.toString());
                    return Mono.just(0L);
                }), 1)
                .subscribe());
    }

    @Override
    public void stop() {
        Disposable current = running.getAndSet(null);
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get() != null;
    }
}
