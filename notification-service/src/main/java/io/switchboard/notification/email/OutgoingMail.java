package io.switchboard.notification.email;

import io.switchboard.events.notification.EmailRequested;
import java.util.Objects;
import java.util.UUID;

/**
 * A mail to deliver, checked when it is requested so that the delivery loop never meets one it cannot even
 * try. Whether {@code to} is a deliverable address is for SMTP to say: a malformed one ends up FAILED in the
 * delivery log rather than on a dead-letter topic. Public for the mails notification-service writes itself (in-app's
 * removal mail), which go through {@link EmailDeliveries#enqueue} like requested ones.
 */
public record OutgoingMail(UUID orgId, UUID requestId, String kind, String to, String subject, String textBody, String htmlBody) {

    public OutgoingMail {
        Objects.requireNonNull(requestId, "email request without a requestId");
        if (orgId == null) {
            throw new IllegalArgumentException("email request " + requestId + " has no orgId");
        }
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("email request " + requestId + " has no recipient");
        }
        if (subject == null) {
            throw new IllegalArgumentException("email request " + requestId + " has no subject");
        }
        if (isBlank(textBody) && isBlank(htmlBody)) {
            throw new IllegalArgumentException("email request " + requestId + " has neither a text nor an HTML body");
        }
        kind = isBlank(kind) ? "unspecified" : kind.strip();
        to = to.strip();
        textBody = isBlank(textBody) ? null : textBody;
        htmlBody = isBlank(htmlBody) ? null : htmlBody;
    }

    static OutgoingMail of(EmailRequested requested) {
        return new OutgoingMail(requested.orgId(), requested.requestId(), requested.kind(), requested.to(),
                requested.subject(), requested.textBody(), requested.htmlBody());
    }

    String recipientDomain() {
        return LogSafe.domainOf(to);
    }

    /** Without bodies (links with tokens), subject or the recipient's mailbox name: safe to end up in a log. */
    @Override
    public String toString() {
        return "OutgoingMail[requestId=" + requestId + ", kind=" + kind + ", to=*@" + recipientDomain() + "]";
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
