package io.switchboard.events.notification;

import java.util.UUID;

/**
 * A mail to send, already rendered by the service that asks for it. {@code requestId} identifies the mail:
 * notification-service sends each request id at most once, however often the event is delivered. Travels
 * only on notification.email-requests.v1, which only notification-service reads: invitation links may be in it.
 */
public record EmailRequested(UUID orgId, UUID requestId, String kind, String to, String subject, String textBody, String htmlBody) {

    /** Without recipient, subject and bodies: links in them hold invitation tokens. */
    @Override
    public String toString() {
        return "EmailRequested[orgId=" + orgId + ", requestId=" + requestId + ", kind=" + kind + "]";
    }
}
