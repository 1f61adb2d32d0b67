package io.switchboard.notification.push;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.messaging.Traces;
import io.switchboard.notification.push.P256.RawKeyPair;
import io.switchboard.notification.push.PushDeliveries.Due;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Fans out notifications with {@code push_pending} to their person's devices and sends the due deliveries. It
 * wakes when PostgreSQL says a notification was created ({@link NotificationWakeUps}), when the earliest retry falls
 * due (a timer set after each round) and on a slow safety-net poll ({@code switchboard.push.poll}).
 *
 * <p>No transaction is open while a push is sent. A worker claims a due delivery for a lease (one short statement:
 * {@code claimed_until}, a random claim token; {@code for update skip locked}, so no two workers or instances take
 * the same row), sends it with no connection held, then records the attempt and the outcome in a second short
 * transaction that applies only while its claim holds ({@code claim = token and status = 'PENDING'}). Once per
 * device in the normal case. A crash, or a record that fails, after the push service accepted the message leaves
 * the row PENDING with its claim; when the lease runs out it is sent once more: at-least-once at that one point.
 * The resent message carries the same Topic (from the tag), so a push service still holding the first replaces
 * it, and the same notification tag, so a browser that showed the first replaces it instead of showing two.
 *
 * <p>{@code concurrency} workers run at once; a wake-up starts the missing ones, and each goes on claiming until
 * nothing is due. At most {@value #MAX_PER_HOST} sends per endpoint host are in flight on an instance: deliveries
 * to a host at that cap are left for the worker that finishes a send to it, so stalled endpoints of one host hold
 * at most that many workers and never a database connection.
 *
 * <p>Outcomes: 2xx SENT; 404/410 the subscription is deleted (with its deliveries); 429, 5xx and no answer are
 * retried after Retry-After (when given, capped) or an exponential backoff with jitter, until max-attempts or the
 * message's TTL is over, then FAILED; any other answer FAILED at once. Log lines name endpoints by host and hash only.
 */
@Component
class PushDeliveryLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PushDeliveryLoop.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** Sends in flight per endpoint host on one instance. */
    static final int MAX_PER_HOST = 2;

    private final PushDeliveries deliveries;
    private final PushSubscriptions subscriptions;
    private final VapidKeys vapidKeys;
    private final WebPushSender sender;
    private final PushProperties properties;
    private final TransactionalOperator tx;
    private final Clock clock = Clock.systemUTC();
    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();
    private volatile Running running;
    private volatile boolean stopRequested;
    private volatile Disposable nextDue;
    private final AtomicInteger workers = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Duration lease;
    private final Traces traces;
    private final MeterRegistry meters;

    PushDeliveryLoop(PushDeliveries deliveries, PushSubscriptions subscriptions, VapidKeys vapidKeys, WebPushSender sender,
                     PushProperties properties, ReactiveTransactionManager transactionManager, Traces traces, MeterRegistry meters) {
        this.traces = traces;
        this.meters = meters;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.vapidKeys = vapidKeys;
        this.sender = sender;
        this.properties = properties;
        this.tx = TransactionalOperator.create(transactionManager);
        this.lease = leaseFor(properties);
    }

    /** A claim outlives the longest send (bounded by the send timeout) and the recording after it, with room to spare. */
    static Duration leaseFor(PushProperties properties) {
        return properties.sendTimeout().multipliedBy(2).plus(properties.connectTimeout()).plusSeconds(30);
    }

    /** Something may be due: look now. Cheap, and harmless when nothing is. */
    void wake() {
        synchronized (wakeUps) {
            wakeUps.tryEmitNext(Boolean.TRUE);
        }
    }

    /** Wakes the loop when the earliest retry falls due (one timer; a newer one replaces it). */
    private void wakeAfter(Duration delay) {
        Disposable previous = nextDue;
        if (previous != null) {
            previous.dispose();
        }
        nextDue = Mono.delay(delay.isNegative() ? Duration.ZERO : delay.plusMillis(5)).subscribe(done -> wake());
    }

    /** One wake-up: fan out what is pending, then make sure {@code concurrency} workers are claiming what is due. */
    Mono<Void> round() {
        return vapidKeys.current().flatMap(keys -> keys.isEmpty() ? Mono.<Void>empty()
                : fanOutAll().doOnNext(queued -> startWorkers(keys.get())).then());
    }

    private void startWorkers(RawKeyPair keys) {
        while (!stopRequested) {
            int active = workers.get();
            if (active >= properties.concurrency()) {
                return;
            }
            if (workers.compareAndSet(active, active + 1)) {
                deliverDue(keys)
                        .then(Mono.defer(this::scheduleNextDue))
                        .doFinally(signal -> workers.decrementAndGet())
                        .subscribe(done -> { }, e -> log.warn("push delivery worker stopped, will restart: {}", LogText.safe(e.toString())));
            }
        }
    }

    /** Sets the timer for the earliest delivery due later (not counting hosts at their cap, nor rows claimed elsewhere). */
    private Mono<Void> scheduleNextDue() {
        return deliveries.nextDueIn(busyHosts()).doOnNext(this::wakeAfter).then();
    }

    private Mono<Long> fanOutAll() {
        return deliveries.fanOut(properties.fanOutBatch())
                .repeat()
                .takeUntil(batch -> batch.notifications() < properties.fanOutBatch() || stopRequested)
                .reduce(0L, (sum, batch) -> sum + batch.deliveries())
                .doOnNext(queued -> {
                    if (queued > 0) {
                        log.debug("push: {} deliveries queued", queued);
                    }
                });
    }

    /** One worker: claims, sends and records due deliveries one after another until none is left (or stop). */
    private Mono<Long> deliverDue(RawKeyPair keys) {
        return Mono.defer(() -> deliverNext(keys))
                .repeat()
                .takeWhile(handled -> handled && !stopRequested)
                .count();
    }

    private Set<String> busyHosts() {
        Set<String> busy = new HashSet<>();
        inFlight.forEach((host, count) -> {
            if (count.get() >= MAX_PER_HOST) {
                busy.add(host);
            }
        });
        return busy;
    }

    private Mono<Boolean> deliverNext(RawKeyPair keys) {
        UUID token = UUID.randomUUID();
        return deliveries.claimNextDue(lease, token, busyHosts())
                .flatMap(due -> {
                    AtomicInteger hostCount = inFlight.computeIfAbsent(due.endpointHost(), host -> new AtomicInteger());
                    if (hostCount.incrementAndGet() > MAX_PER_HOST) {
                        // another worker took this host's last place meanwhile: give the claim back, take something else
                        hostCount.decrementAndGet();
                        return deliveries.release(due.id(), token).thenReturn(true);
                    }
                    // in the trace its notification was made in: the send's log lines carry that trace id (the push
                    // service gets no trace header: WebPushSender's client is not instrumented)
                    return traces.continued("switchboard.push.send", "push send", due.traceparent(), KeyValues.empty(), attempt(due, keys))
                            .doFinally(signal -> {
                                if (hostCount.decrementAndGet() <= 0) {
                                    inFlight.remove(due.endpointHost(), hostCount);
                                }
                            })
                            .thenReturn(true);
                })
                .defaultIfEmpty(false);
    }

    /** Sends (no transaction open), then records the outcome in one short transaction, only while the claim holds. */
    private Mono<Void> attempt(Due due, RawKeyPair keys) {
        int attempt = due.attempts() + 1;
        Instant now = clock.instant();
        Duration ttl = properties.ttlFor(due.urgency()).minus(Duration.between(due.createdAt(), now));
        if (ttl.isNegative() || ttl.isZero()) {
            return tx.transactional(fail(due, attempt, now, PushResult.noAnswer("expired (TTL over) before it could be delivered")));
        }
        PushMessage message = new PushMessage(due.endpoint(), due.p256dh(), due.auth(),
                PushPayload.of(due.title(), due.body(), due.url(), due.tag()), ttl, due.urgency(), PushPayload.topicOf(due.tag()));
        return sender.send(message, keys)
                .onErrorResume(unexpected -> Mono.just(PushResult.noAnswer(unexpected.getClass().getSimpleName())))
                .doOnNext(this::count)
                .flatMap(result -> tx.transactional(switch (result.outcome()) {
                    case SENT -> sent(due, attempt, now, result);
                    case GONE -> gone(due, attempt, now, result);
                    case RETRY -> retryOrFail(due, attempt, now, ttl, result);
                    case FAILED -> fail(due, attempt, now, result);
                }));
    }

    /**
     * {@code switchboard.push.attempts}, by outcome and the push service's HTTP status ("none" when it did not answer):
     * the failures by status are the attempts whose outcome is not SENT. Statuses are few, so the series are too.
     */
    private void count(PushResult result) {
        meters.counter("switchboard.push.attempts",
                "outcome", result.outcome().name(),
                "status", result.status() > 0 ? Integer.toString(result.status()) : "none").increment();
    }

    /** Runs {@code record} (the attempt log line) only if {@code mark} applied, i.e. the claim still held. */
    private Mono<Boolean> ifClaimed(Due due, Mono<Boolean> mark, Mono<Void> record) {
        return mark.flatMap(applied -> {
            if (!applied) {
                log.info("push {} (notification {}) to {}: its claim ran out or it is gone meanwhile; outcome not recorded",
                        due.id(), due.notificationId(), LogText.endpoint(due.endpoint()));
                return Mono.just(false);
            }
            return record.thenReturn(true);
        });
    }

    private Mono<Void> sent(Due due, int attempt, Instant at, PushResult result) {
        return ifClaimed(due, deliveries.markSent(due.id(), due.claim(), attempt, result.status()),
                        deliveries.recordAttempt(due.id(), attempt, at, result.status(), null, PushResult.Outcome.SENT, null))
                .filter(Boolean::booleanValue)
                .doOnNext(done -> log.info("push {} (notification {}) to {} sent after {} attempt(s)",
                        due.id(), due.notificationId(), LogText.endpoint(due.endpoint()), attempt))
                .then();
    }

    private Mono<Void> gone(Due due, int attempt, Instant at, PushResult result) {
        return subscriptions.deleteGone(due.subscriptionId())
                .doOnNext(deleted -> log.info("push {} (notification {}) to {}: {} from the push service, subscription deleted ({} row(s))",
                        due.id(), due.notificationId(), LogText.endpoint(due.endpoint()), result.status(), deleted))
                .then();
    }

    private Mono<Void> retryOrFail(Due due, int attempt, Instant at, Duration ttl, PushResult result) {
        Duration delay = properties.retryDelay(attempt, result.retryAfter());
        if (attempt >= properties.maxAttempts()) {
            return fail(due, attempt, at, result, "giving up after " + attempt + " attempts");
        }
        if (delay.compareTo(ttl) >= 0) {
            return fail(due, attempt, at, result, "its TTL is over before the next try");
        }
        return ifClaimed(due, deliveries.markRetry(due.id(), due.claim(), attempt, delay, result.status(), result.reason()),
                        deliveries.recordAttempt(due.id(), attempt, at, result.status(), result.retryAfter(), PushResult.Outcome.RETRY, result.reason()))
                .filter(Boolean::booleanValue)
                .doOnNext(done -> log.info("push {} (notification {}) to {} not delivered (attempt {} of {}: {}), next try in {}{}",
                        due.id(), due.notificationId(), LogText.endpoint(due.endpoint()), attempt, properties.maxAttempts(), result.reason(),
                        delay, result.retryAfter() != null ? " (Retry-After)" : ""))
                .then();
    }

    private Mono<Void> fail(Due due, int attempt, Instant at, PushResult result) {
        return fail(due, attempt, at, result, "not retried");
    }

    private Mono<Void> fail(Due due, int attempt, Instant at, PushResult result, String why) {
        return ifClaimed(due, deliveries.markFailed(due.id(), due.claim(), attempt, result.status(), result.reason()),
                        deliveries.recordAttempt(due.id(), attempt, at, result.status(), result.retryAfter(), PushResult.Outcome.FAILED, result.reason()))
                .filter(Boolean::booleanValue)
                .doOnNext(done -> log.warn("push {} (notification {}) to {} FAILED after {} attempt(s), {}: {}",
                        due.id(), due.notificationId(), LogText.endpoint(due.endpoint()), attempt, why, result.reason()))
                .then();
    }

    @Override
    public void start() {
        stopRequested = false;
        Sinks.Empty<Void> stop = Sinks.empty();
        CountDownLatch ended = new CountDownLatch(1);
        Flux<Boolean> safetyNet = Flux.interval(Duration.ZERO, properties.poll()).map(t -> Boolean.TRUE);
        Disposable loop = Flux.merge(wakeUps.asFlux(), safetyNet)
                .takeUntilOther(stop.asMono())
                .onBackpressureLatest()
                .concatMap(wake -> round()
                        .then(Mono.defer(this::scheduleNextDue))
                        .onErrorResume(e -> {
                            log.warn("push delivery round failed, will retry: {}", LogText.safe(e.toString()));
                            return Mono.empty();
                        }), 1)
                .doFinally(signal -> ended.countDown())
                .subscribe();
        running = new Running(stop, ended, loop);
        log.info("push delivery loop started (retries from {} up to {}, {} attempts at most, {} at once)",
                properties.firstRetry(), properties.maxRetry(), properties.maxAttempts(), properties.concurrency());
    }

    @Override
    public void stop() {
        Running current = running;
        if (current == null) {
            return;
        }
        running = null;
        stopRequested = true;
        current.stop().tryEmitEmpty();
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        try {
            boolean ended = current.ended().await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            while (workers.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20); // workers finish the send in hand and record it (stopRequested ends them after)
            }
            if (!ended || workers.get() > 0) {
                log.warn("push delivery loop still busy after {}; stopping it anyway", STOP_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current.loop().dispose();
        Disposable timer = nextDue;
        if (timer != null) {
            timer.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    private record Running(Sinks.Empty<Void> stop, CountDownLatch ended, Disposable loop) {
    }
}
