package io.switchboard.notification.email;

import io.micrometer.common.KeyValues;
import io.switchboard.messaging.Traces;
import io.switchboard.notification.email.EmailDeliveries.Due;
import java.time.Duration;
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
 * Sends the due PENDING rows of {@code email_deliveries}, one transaction per row: lock the row
 * ({@code for update skip locked}), hand the mail to SMTP, mark it SENT, commit. It wakes every
 * {@code switchboard.mail.poll} and at once when {@link #wake()} says a row was committed.
 *
 * <p>Never twice for one request id in the normal case: the request id is unique in the table, and the row
 * stays locked from before the send until SENT is committed, so a second instance skips it. A crash (or a lost
 * database connection) after the SMTP server accepted the mail and before the commit leaves the row PENDING,
 * and it is sent once more: at-least-once at that one point, which no SMTP client can avoid (SMTP has no
 * idempotency key). The resent copy carries the same Message-ID (see {@link SmtpMailer#compose}). Stopping
 * lets the row in hand finish, so an ordinary shutdown does not cause such a copy.
 *
 * <p>A failed attempt pushes the row back exponentially (first-retry, doubling, capped at max-retry); after
 * max-attempts, or at once for a permanent failure, the row becomes FAILED with a WARN. Log lines name the
 * request id, kind and recipient domain only: bodies hold invitation links.
 */
@Component
class EmailDeliveryLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmailDeliveryLoop.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final EmailDeliveries deliveries;
    private final SmtpMailer mailer;
    private final TransactionalOperator tx;
    private final MailDeliveryProperties properties;
    private final Traces traces;
    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();
    private volatile Running running;
    private volatile boolean stopRequested;

    EmailDeliveryLoop(EmailDeliveries deliveries, SmtpMailer mailer, ReactiveTransactionManager transactionManager,
                      MailDeliveryProperties properties, Traces traces) {
        this.traces = traces;
        this.deliveries = deliveries;
        this.mailer = mailer;
        this.tx = TransactionalOperator.create(transactionManager);
        this.properties = properties;
    }

    /** A row was committed: look now instead of at the next poll. Cheap, and harmless when nothing is due. */
    void wake() {
        synchronized (wakeUps) {
            wakeUps.tryEmitNext(Boolean.TRUE);
        }
    }

    /** Delivers due rows, one after another, until none is due or round-limit rows were handled; answers how many. */
    Mono<Long> deliverDue() {
        return deliverNext()
                .repeat(properties.roundLimit() - 1L)
                .takeWhile(handled -> handled && !stopping())
                .count();
    }

    /** Locks, attempts and marks the longest-due row in one transaction; answers false when none is due. */
    private Mono<Boolean> deliverNext() {
        return tx.transactional(deliveries.lockNextDue().flatMap(due ->
                        // in the trace the mail was requested in: the log lines of the send carry its trace id
                        traces.continued("switchboard.mail.send", "mail send", due.traceparent(), KeyValues.empty(), attempt(due)).thenReturn(true)))
                .defaultIfEmpty(false);
    }

    private Mono<Void> attempt(Due due) {
        int attempt = due.attempts() + 1;
        if (due.mail() == null) {
            return fail(due, attempt, new MailNotSent(true, "row cannot be sent: " + due.unusable()));
        }
        return mailer.send(due.mail())
                .thenReturn(Optional.<MailNotSent>empty())
                // whatever went wrong in sending counts as a failed attempt, so no row is retried in a hot loop
                .onErrorResume(failure -> Mono.just(Optional.of(failure instanceof MailNotSent notSent ? notSent
                        : new MailNotSent(false, failure.getClass().getSimpleName() + ": " + failure.getMessage()))))
                .flatMap(failure -> failure.isEmpty() ? sent(due, attempt)
                        : failure.get().permanent() || attempt >= properties.maxAttempts() ? fail(due, attempt, failure.get())
                        : retryLater(due, attempt, failure.get()));
    }

    private Mono<Void> sent(Due due, int attempt) {
        return deliveries.markSent(due.requestId())
                .doOnSuccess(done -> log.info("email {} ({}) to @{} sent after {} attempt(s)",
                        due.requestId(), due.kind(), due.recipientDomain(), attempt));
    }

    private Mono<Void> retryLater(Due due, int attempt, MailNotSent failure) {
        Duration delay = properties.retryDelay(attempt);
        return deliveries.markRetry(due.requestId(), attempt, delay, failure.getMessage())
                .doOnSuccess(done -> log.info("email {} ({}) to @{} not sent (attempt {} of {}), next try in {}: {}",
                        due.requestId(), due.kind(), due.recipientDomain(), attempt, properties.maxAttempts(), delay, failure.getMessage()));
    }

    private Mono<Void> fail(Due due, int attempt, MailNotSent failure) {
        return deliveries.markFailed(due.requestId(), attempt, failure.getMessage())
                .doOnSuccess(done -> log.warn("email {} ({}) to @{} FAILED after {} attempt(s), {}: {}",
                        due.requestId(), due.kind(), due.recipientDomain(), attempt,
                        failure.permanent() ? "not retried (permanent failure)" : "giving up", failure.getMessage()));
    }

    @Override
    public void start() {
        stopRequested = false;
        Sinks.Empty<Void> stop = Sinks.empty();
        CountDownLatch ended = new CountDownLatch(1);
        Disposable loop = Flux.merge(wakeUps.asFlux(), Flux.interval(Duration.ZERO, properties.poll()).map(tick -> Boolean.TRUE))
                .takeUntilOther(stop.asMono())
                .onBackpressureLatest()
                .concatMap(wake -> deliverDue().onErrorResume(e -> {
                    log.warn("email delivery round failed, will retry: {}", LogSafe.reason(e.toString()));
                    return Mono.empty();
                }), 1)
                .doFinally(signal -> ended.countDown())
                .subscribe();
        running = new Running(stop, ended, loop);
        log.info("email delivery loop started (poll {}, retries from {} up to {}, {} attempts at most)",
                properties.poll(), properties.firstRetry(), properties.maxRetry(), properties.maxAttempts());
    }

    /** Ends the loop after the row in hand (up to a grace period), so that a shutdown does not cut a send short. */
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
                log.warn("email delivery loop still busy after {}; stopping it anyway", STOP_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current.loop().dispose();
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    private boolean stopping() {
        return stopRequested;
    }

    private record Running(Sinks.Empty<Void> stop, CountDownLatch ended, Disposable loop) {
    }
}
