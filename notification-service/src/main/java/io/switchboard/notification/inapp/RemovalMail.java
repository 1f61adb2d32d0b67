package io.switchboard.notification.inapp;

import io.switchboard.notification.email.EmailDeliveries;
import io.switchboard.notification.email.OutgoingMail;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The mail telling a person they were removed or deactivated: a PENDING row of the email package's delivery log
 * ({@code email_deliveries}), written in the transaction of the event's inbox row, which the email delivery loop
 * sends with its retries (it polls every {@code switchboard.mail.poll}). The request id is derived from the event
 * and the person, so the row is written once however often the event arrives.
 */
@Component
class RemovalMail {

    private final EmailDeliveries deliveries;

    RemovalMail(EmailDeliveries deliveries) {
        this.deliveries = deliveries;
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
        return deliveries.enqueue(eventId, new OutgoingMail(orgId, requestId, kind, recipient, subject, text, null));
    }
}
