package io.switchboard.notification.inapp;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The mail telling a person they were removed or deactivated: a PENDING row of the email package's delivery log
 * ({@code email_deliveries}), written in the transaction of the event's inbox row, which the email delivery loop
 * sends with its retries (it polls every {@code switchboard.mail.poll}). The request id is derived from the event
 * and the person, so the row is written once however often the event arrives. The insert mirrors
 * {@code email.EmailDeliveries#enqueue}, which is not visible outside its package.
 */
@Component
class RemovalMail {

    private final DatabaseClient db;

    RemovalMail(DatabaseClient db) {
        this.db = db;
    }

    /** Answers whether a row was written. */
    Mono<Boolean> enqueue(UUID eventId, UUID orgId, UUID userId, boolean deactivated, String recipient, String orgName,
                          String displayName) {
        String kind = deactivated ? "member-deactivated" : "member-removed";
        UUID requestId = UUID.nameUUIDFromBytes((kind + ":" + eventId + ":" + userId).getBytes(StandardCharsets.UTF_8));
        String org = orgName != null ? orgName : "your organization";
        String subject = deactivated ? "Your account in " + org + " was deactivated" : "You were removed from " + org;
        String text = "Hello" + (displayName != null ? " " + displayName : "") + ",\n\n"
                + (deactivated
                ? "your account in " + org + " on Switchboard was deactivated. You cannot sign in to it until an admin reactivates it."
                : "you were removed from " + org + " on Switchboard and no longer have access to it.")
                + "\n\nIf you think this is a mistake, ask an admin of " + org + ".\n";
        return db.sql("""
                        insert into email_deliveries (request_id, org_id, event_id, kind, recipient, subject, text_body)
                        values (:requestId, :orgId, :eventId, :kind, :recipient, :subject, :textBody)
                        on conflict (request_id) do nothing""")
                .bind("requestId", requestId)
                .bind("orgId", orgId)
                .bind("eventId", eventId)
                .bind("kind", kind)
                .bind("recipient", recipient)
                .bind("subject", subject)
                .bind("textBody", text)
                .fetch().rowsUpdated().map(inserted -> inserted > 0);
    }
}
