package io.switchboard.notification.push;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The {@code push_deliveries} table (and its attempt log): the fan-out's output and the delivery loop's work queue. */
@Component
class PushDeliveries {

    private final DatabaseClient db;

    PushDeliveries(DatabaseClient db) {
        this.db = db;
    }

    /** How much one fan-out statement did. */
    record FanOut(long notifications, long deliveries) {
    }

    /**
     * Fans out up to {@code batch} notifications with {@code push_pending}, oldest first, in one statement (so one
     * transaction): a PENDING delivery per subscription of the notification's person and org (all their devices
     * for that org), and {@code push_pending = false}. Rows another instance is fanning out are skipped.
     */
    Mono<FanOut> fanOut(int batch) {
        return db.sql("""
                        with pending as (
                            select id, user_id, org_id from notifications
                            where push_pending
                            order by seq
                            limit :batch
                            for update skip locked
                        ), queued as (
                            insert into push_deliveries (notification_id, subscription_id)
                            select p.id, s.id from pending p
                            join push_subscriptions s on s.user_id = p.user_id and s.org_id = p.org_id
                            on conflict (notification_id, subscription_id) do nothing
                            returning 1
                        ), cleared as (
                            update notifications n set push_pending = false
                            from pending p where n.id = p.id
                            returning 1
                        )
                        select (select count(*) from cleared) as notifications, (select count(*) from queued) as deliveries""")
                .bind("batch", batch)
                .map(row -> new FanOut(row.get("notifications", Long.class), row.get("deliveries", Long.class)))
                .one();
    }

    /**
     * Claims the PENDING delivery that has been due longest and is not claimed by another worker or instance (or
     * whose claim ran out), for {@code lease}, under {@code token}; one statement, committed at once, so no
     * transaction or row lock stays open while it is sent. Deliveries to the hosts in {@code busyHosts} (this
     * instance's sends to them are at their cap) are left for later. Answers what sending it needs.
     */
    Mono<Due> claimNextDue(Duration lease, UUID token, Collection<String> busyHosts) {
        return db.sql("""
                        with next as (
                            select d.id from push_deliveries d
                            join push_subscriptions s on s.id = d.subscription_id
                            where d.status = 'PENDING' and d.next_attempt_at <= clock_timestamp()
                              and (d.claimed_until is null or d.claimed_until < clock_timestamp())
                              and not (coalesce(s.endpoint_host, '') = any(cast(:busy as text[])))
                            order by d.next_attempt_at, d.id
                            limit 1
                            for update of d skip locked
                        ), claimed as (
                            update push_deliveries d set claimed_until = clock_timestamp() + make_interval(secs => :lease), claim = :token
                            from next where d.id = next.id
                            returning d.id, d.attempts, d.subscription_id, d.notification_id
                        )
                        select c.id, c.attempts, c.subscription_id, s.endpoint, s.endpoint_host, s.p256dh, s.auth,
                               n.id as notification_id, n.title, n.body, n.url, n.tag, n.urgency, n.created_at, n.traceparent
                        from claimed c
                        join push_subscriptions s on s.id = c.subscription_id
                        join notifications n on n.id = c.notification_id""")
                .bind("lease", lease.toMillis() / 1000.0)
                .bind("token", token)
                .bind("busy", busyHosts.toArray(String[]::new))
                .map(row -> new Due(row.get("id", Long.class), token, row.get("attempts", Integer.class), row.get("subscription_id", UUID.class),
                        row.get("endpoint", String.class), Objects.requireNonNullElse(row.get("endpoint_host", String.class), ""),
                        row.get("p256dh", String.class), row.get("auth", String.class),
                        row.get("notification_id", UUID.class), row.get("title", String.class), row.get("body", String.class),
                        row.get("url", String.class), row.get("tag", String.class), row.get("urgency", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant(), row.get("traceparent", String.class)))
                .one();
    }

    /** Gives a claim back without an attempt (the delivery is due again at once, for another worker). */
    Mono<Void> release(long id, UUID token) {
        return db.sql("update push_deliveries set claimed_until = null, claim = null where id = :id and claim = :token and status = 'PENDING'")
                .bind("id", id)
                .bind("token", token)
                .fetch().rowsUpdated().then();
    }

    /**
     * How long until the earliest PENDING delivery is due and claimable (zero if one is now); empty when none is
     * pending. A claimed one counts from when its claim runs out; those to {@code busyHosts} do not count (the
     * worker finishing a send to such a host takes them).
     */
    Mono<Duration> nextDueIn(Collection<String> busyHosts) {
        return db.sql("""
                        select cast(extract(epoch from (min(greatest(d.next_attempt_at, coalesce(d.claimed_until, d.next_attempt_at)))
                                                        - clock_timestamp())) * 1000 as bigint) as millis
                        from push_deliveries d
                        join push_subscriptions s on s.id = d.subscription_id
                        where d.status = 'PENDING' and not (coalesce(s.endpoint_host, '') = any(cast(:busy as text[])))""")
                .bind("busy", busyHosts.toArray(String[]::new))
                .map(row -> {
                    Long millis = row.get("millis", Long.class);
                    return millis == null ? Optional.<Duration>empty() : Optional.of(Duration.ofMillis(Math.max(0, millis)));
                })
                .one()
                .flatMap(Mono::justOrEmpty);
    }

    /*
     * The marks below apply only while the caller's claim holds (claim = token and still PENDING) and end it; they
     * answer whether they did (false: the lease ran out and another worker took the delivery over, or it is gone).
     */

    Mono<Boolean> markSent(long id, UUID token, int attempts, int status) {
        return db.sql("""
                        update push_deliveries
                        set status = 'SENT', attempts = :attempts, sent_at = clock_timestamp(), last_status = :status, last_error = null,
                            claimed_until = null, claim = null
                        where id = :id and claim = :token and status = 'PENDING'""")
                .bind("id", id)
                .bind("token", token)
                .bind("attempts", attempts)
                .bind("status", status)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Still PENDING, tried {@code attempts} times, next due after {@code delay}. */
    Mono<Boolean> markRetry(long id, UUID token, int attempts, Duration delay, int status, String reason) {
        return status(db.sql("""
                        update push_deliveries
                        set attempts = :attempts, next_attempt_at = clock_timestamp() + make_interval(secs => :delay),
                            last_status = :status, last_error = :reason, claimed_until = null, claim = null
                        where id = :id and claim = :token and status = 'PENDING'"""), status)
                .bind("id", id)
                .bind("token", token)
                .bind("attempts", attempts)
                .bind("delay", delay.toMillis() / 1000.0)
                .bind("reason", reason)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    Mono<Boolean> markFailed(long id, UUID token, int attempts, int status, String reason) {
        return status(db.sql("""
                        update push_deliveries
                        set status = 'FAILED', attempts = :attempts, failed_at = clock_timestamp(), last_status = :status, last_error = :reason,
                            claimed_until = null, claim = null
                        where id = :id and claim = :token and status = 'PENDING'"""), status)
                .bind("id", id)
                .bind("token", token)
                .bind("attempts", attempts)
                .bind("reason", reason)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** One line of the attempt log (when the attempt was made, what the push service said). */
    Mono<Void> recordAttempt(long id, int attempt, Instant at, int status, Duration retryAfter, PushResult.Outcome outcome, String error) {
        GenericExecuteSpec insert = status(db.sql("""
                        insert into push_attempts (delivery_id, attempt, attempted_at, http_status, retry_after, outcome, error)
                        values (:id, :attempt, :at, :status, make_interval(secs => :retryAfter), :outcome, :error)
                        on conflict (delivery_id, attempt) do nothing"""), status)
                .bind("id", id)
                .bind("attempt", attempt)
                .bind("at", at.atOffset(java.time.ZoneOffset.UTC))
                .bind("outcome", outcome.name());
        insert = retryAfter == null ? insert.bindNull("retryAfter", Double.class) : insert.bind("retryAfter", retryAfter.toMillis() / 1000.0);
        insert = error == null ? insert.bindNull("error", String.class) : insert.bind("error", error);
        return insert.fetch().rowsUpdated().then();
    }

    private static GenericExecuteSpec status(GenericExecuteSpec spec, int status) {
        return status > 0 ? spec.bind("status", status) : spec.bindNull("status", Integer.class);
    }

    /**
     * A delivery claimed for an attempt (under {@code claim}), with the attempts made before this one and what it carries;
     * {@code traceparent}: the trace its notification was made in (sent in that trace, never to the push service).
     */
    record Due(long id, UUID claim, int attempts, UUID subscriptionId, String endpoint, String endpointHost, String p256dh, String auth, UUID notificationId,
               String title, String body, String url, String tag, String urgency, Instant createdAt, String traceparent) {

        @Override
        public String toString() {
            return "Due[" + id + ", notification " + notificationId + ", " + LogText.endpoint(endpoint) + "]";
        }
    }
}
