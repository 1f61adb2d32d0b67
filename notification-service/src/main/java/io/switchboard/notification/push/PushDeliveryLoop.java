package io.switchboard.notification.push;

import io.switchboard.notification.push.P256.RawKeyPair;
import io.switchboard.notification.push.PushDeliveries.Due;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
 * <p>Each delivery is sent in one transaction: lock the row ({@code for update skip locked}, so no two workers or
 * instances hold it), send, record the attempt and the outcome, commit. Once per device in the normal case (the
 * row is unique per notification and subscription and stays locked from before the send until its new state is
 * committed). A crash or lost connection after the push service accepted the message and before the commit leaves
 * the row PENDING, and it is sent once more: at-least-once at that one point. The resent message carries the same
 * Topic (from the tag), so a push service still holding the first replaces it, and the same notification tag, so
 * a browser that showed the first replaces it instead of showing two.
 *
 * <p>Outcomes: 2xx SENT; 404/410 the subscription is deleted (with its deliveries); 429, 5xx and no answer are
 * retried after Retry-After (when given, capped) or an exponential backoff with jitter, until max-attempts or the
 * message's TTL is over, then FAILED; any other answer FAILED at once. Log lines name endpoints by host and hash only.
 */
@Component
class PushDeliveryLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PushDeliveryLoop.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final int ROUND_LIMIT = 200;

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

    PushDeliveryLoop(PushDeliveries deliveries, PushSubscriptions subscriptions, VapidKeys vapidKeys, WebPushSender sender,
                     PushProperties properties, ReactiveTransactionManager transactionManager) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.vapidKeys = vapidKeys;
        this.sender = sender;
        this.properties = properties;
        this.tx = TransactionalOperator.create(transactionManager);
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

    /** One round: fan out what is pending, then send what is due with {@code concurrency} workers; answers how many were handled. */
    Mono<Long> round() {
        return vapidKeys.current().flatMap(keys -> keys.isEmpty() ? Mono.just(0L)
                : fanOutAll().then(Flux.range(0, properties.concurrency())
                        .flatMap(worker -> deliverDue(keys.get()), properties.concurrency())
                        .reduce(0L, Long::sum)));
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

    private Mono<Long> deliverDue(RawKeyPair keys) {
        return deliverNext(keys)
                .repeat(ROUND_LIMIT - 1L)
                .takeWhile(handled -> handled && !stopRequested)
                .count();
    }

    private Mono<Boolean> deliverNext(RawKeyPair keys) {
        return tx.transactional(deliveries.lockNextDue().flatMap(due -> attempt(due, keys).thenReturn(true)))
                .defaultIfEmpty(false);
    }

    private Mono<Void> attempt(Due due, RawKeyPair keys) {
        int attempt = due.attempts() + 1;
        Instant now = clock.instant();
        Duration ttl = properties.ttlFor(due.urgency()).minus(Duration.between(due.createdAt(), now));
        if (ttl.isNegative() || ttl.isZero()) {
            return fail(due, attempt, now, PushResult.noAnswer("expired (TTL over) before it could be delivered"));
        }
        PushMessage message = new PushMessage(due.endpoint(), due.p256dh(), due.auth(),
                PushPayload.of(due.title(), due.body(), due.url(), due.tag()), ttl, due.urgency(), PushPayload.topicOf(due.tag()));
        return sender.send(message, keys)
                .onErrorResume(unexpected -> Mono.just(PushResult.noAnswer(unexpected.getClass().getSimpleName())))
                .flatMap(result -> switch (result.outcome()) {
                    case SENT -> sent(due, attempt, now, result);
                    case GONE -> gone(due, attempt, now, result);
                    case RETRY -> retryOrFail(due, attempt, now, ttl, result);
                    case FAILED -> fail(due, attempt, now, result);
                });
    }

    private Mono<Void> sent(Due due, int attempt, Instant at, PushResult result) {
        return deliveries.recordAttempt(due.id(), attempt, at, result.status(), null, PushResult.Outcome.SENT, null)
                .then(deliveries.markSent(due.id(), attempt, result.status()))
                .doOnSuccess(done -> log.info("push {} (notification {}) to {} sent after {} attempt(s)",
                        due.id(), due.notificationId(), LogText.endpoint(due.endpoint()), attempt));
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
        return deliveries.recordAttempt(due.id(), attempt, at, result.status(), result.retryAfter(), PushResult.Outcome.RETRY, result.reason())
                .then(deliveries.markRetry(due.id(), attempt, delay, result.status(), result.reason()))
                .doOnSuccess(done -> log.info("push {} (notification {}) to {} not delivered (attempt {} of {}: {}), next try in {}{}",
                        due.id(), due.notificationId(), LogText.endpoint(due.endpoint()), attempt, properties.maxAttempts(), result.reason(),
                        delay, result.retryAfter() != null ? " (Retry-After)" : ""));
    }

    private Mono<Void> fail(Due due, int attempt, Instant at, PushResult result) {
        return fail(due, attempt, at, result, "not retried");
    }

    private Mono<Void> fail(Due due, int attempt, Instant at, PushResult result, String why) {
        return deliveries.recordAttempt(due.id(), attempt, at, result.status(), result.retryAfter(), PushResult.Outcome.FAILED, result.reason())
                .then(deliveries.markFailed(due.id(), attempt, result.status(), result.reason()))
                .doOnSuccess(done -> log.warn("push {} (notification {}) to {} FAILED after {} attempt(s), {}: {}",
                        due.id(), due.notificationId(), LogText.endpoint(due.endpoint()), attempt, why, result.reason()));
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
                        .then(deliveries.nextDueIn().doOnNext(this::wakeAfter))
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
        try {
            if (!current.ended().await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
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
