package io.switchboard.notification.email;

import io.switchboard.messaging.Traces;
import java.time.Duration;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The {@code email_deliveries} table: the delivery log and the delivery loop's work queue. */
@Component
public class EmailDeliveries {

    private final DatabaseClient db;
    private final Traces traces;

    EmailDeliveries(DatabaseClient db, Traces traces) {
        this.db = db;
        this.traces = traces;
    }

    /**
     * Records a requested mail as PENDING and due now. A request id seen before (another envelope carrying the
     * same request) is left as it is: answers false.
     */
    public Mono<Boolean> enqueue(UUID eventId, OutgoingMail mail) {
        return Mono.deferContextual(context -> enqueue(eventId, mail, traces.traceparent(context)));
    }

    /** {@code traceparent}: the trace of the request (the consumed event's), which the delivery loop sends it in. */
    private Mono<Boolean> enqueue(UUID eventId, OutgoingMail mail, String traceparent) {
        GenericExecuteSpec insert = db.sql("""
                        insert into email_deliveries (request_id, org_id, event_id, kind, recipient, subject, text_body, html_body, traceparent)
                        values (:requestId, :orgId, :eventId, :kind, :recipient, :subject, :textBody, :htmlBody, :traceparent)
                        on conflict (request_id) do nothing""")
                .bind("requestId", mail.requestId())
                .bind("orgId", mail.orgId())
                .bind("eventId", eventId)
                .bind("kind", mail.kind())
                .bind("recipient", mail.to())
                .bind("subject", mail.subject());
        insert = mail.textBody() == null ? insert.bindNull("textBody", String.class) : insert.bind("textBody", mail.textBody());
        insert = mail.htmlBody() == null ? insert.bindNull("htmlBody", String.class) : insert.bind("htmlBody", mail.htmlBody());
        insert = traceparent == null ? insert.bindNull("traceparent", String.class) : insert.bind("traceparent", traceparent);
        return insert.fetch().rowsUpdated().map(inserted -> inserted > 0);
    }

    /**
     * Locks the PENDING row that has been due longest, skipping rows another transaction holds (another
     * instance sending them). Call inside a transaction; the lock lasts until it ends.
     */
    Mono<Due> lockNextDue() {
        return db.sql("""
                        select request_id, org_id, kind, recipient, subject, text_body, html_body, attempts, traceparent
                        from email_deliveries
                        where status = 'PENDING' and next_attempt_at <= clock_timestamp()
                        order by next_attempt_at, id
                        limit 1
                        for update skip locked""")
                .map(row -> {
                    UUID requestId = row.get("request_id", UUID.class);
                    String kind = row.get("kind", String.class);
                    String recipient = row.get("recipient", String.class);
                    int attempts = row.get("attempts", Integer.class);
                    String traceparent = row.get("traceparent", String.class);
                    try {
                        OutgoingMail mail = new OutgoingMail(row.get("org_id", UUID.class), requestId, kind, recipient,
                                row.get("subject", String.class), row.get("text_body", String.class), row.get("html_body", String.class));
                        return new Due(requestId, kind, LogSafe.domainOf(recipient), attempts, mail, null, traceparent);
                    } catch (IllegalArgumentException unusable) {
                        // only a hand-edited row gets here; it must not block the rows behind it
                        return new Due(requestId, kind, LogSafe.domainOf(recipient), attempts, null, unusable.getMessage(), traceparent);
                    }
                })
                .one();
    }

    /** SENT, counting this attempt. The bodies go: their links hold tokens, and the log does not need them. */
    Mono<Void> markSent(UUID requestId) {
        return db.sql("""
                        update email_deliveries
                        set status = 'SENT', attempts = attempts + 1, sent_at = clock_timestamp(), last_error = null,
                            text_body = null, html_body = null
                        where request_id = :requestId""")
                .bind("requestId", requestId)
                .fetch().rowsUpdated().then();
    }

    /** Still PENDING, tried {@code attempts} times, next due after {@code delay}. */
    Mono<Void> markRetry(UUID requestId, int attempts, Duration delay, String reason) {
        return db.sql("""
                        update email_deliveries
                        set attempts = :attempts, next_attempt_at = clock_timestamp() + make_interval(secs => :delay),
                            last_error = :reason
                        where request_id = :requestId""")
                .bind("requestId", requestId)
                .bind("attempts", attempts)
                .bind("delay", delay.toMillis() / 1000.0)
                .bind("reason", reason)
                .fetch().rowsUpdated().then();
    }

    /**
     * FAILED: no further attempts. The bodies go here too (their links hold tokens that must not outlive the
     * mail); the row keeps what the log needs: recipient, kind, subject, attempts and the last error. A failed
     * invitation is sent again by resending it, which makes a new request.
     */
    Mono<Void> markFailed(UUID requestId, int attempts, String reason) {
        return db.sql("""
                        update email_deliveries
                        set status = 'FAILED', attempts = :attempts, failed_at = clock_timestamp(), last_error = :reason,
                            text_body = null, html_body = null
                        where request_id = :requestId""")
                .bind("requestId", requestId)
                .bind("attempts", attempts)
                .bind("reason", reason)
                .fetch().rowsUpdated().then();
    }

    /**
     * A row picked for an attempt, with the attempts made before this one. {@code mail} is null, and
     * {@code unusable} says why, when the row does not make a mail (edited by hand into an invalid state).
     * {@code traceparent}: the trace the mail was requested in.
     */
    record Due(UUID requestId, String kind, String recipientDomain, int attempts, OutgoingMail mail, String unusable, String traceparent) {
    }
}
