package io.switchboard.notification.email;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.notification.EmailRequested;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test data: an email request with sensible defaults, a fresh mailbox (UUID local part: the SMTP server is
 * shared by the JVM) and fresh ids, and its envelope as JSON exactly as it travels on Kafka.
 */
record EmailRequests(UUID orgId, UUID requestId, String kind, String to, String subject, String textBody, String htmlBody) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static EmailRequests anInvitation() {
        UUID orgId = UUID.randomUUID();
        String token = "tok-" + UUID.randomUUID();
        return new EmailRequests(orgId, UUID.randomUUID(), "invitation",
                "invitee-" + UUID.randomUUID() + "@acme.test",
                "Alice invited you to Acme Support on Switchboard",
                "Alice Owner invited you to join Acme Support as AGENT.\nAccept: http://localhost:8080/invite/" + token + "\nThe link works for 7 days.",
                "<p>Alice Owner invited you to join <b>Acme Support</b> as AGENT.</p>"
                        + "<p><a href=\"http://localhost:8080/invite/" + token + "\">Accept the invitation</a></p>");
    }

    EmailRequests to(String address) {
        return new EmailRequests(orgId, requestId, kind, address, subject, textBody, htmlBody);
    }

    /** The same org as {@code other}: its requests share a partition with other's, so they are consumed in order. */
    EmailRequests orgIdOf(EmailRequests other) {
        return new EmailRequests(other.orgId, requestId, kind, to, subject, textBody, htmlBody);
    }

    EmailRequests subject(String newSubject) {
        return new EmailRequests(orgId, requestId, kind, to, newSubject, textBody, htmlBody);
    }

    /** Both bodies carry {@code secret} inside the invitation link, as a real token would be. */
    EmailRequests withSecretInLink(String secret) {
        return new EmailRequests(orgId, requestId, kind, to, subject,
                "Accept: http://localhost:8080/invite/" + secret + "\nThe link works for 7 days.",
                "<p><a href=\"http://localhost:8080/invite/" + secret + "\">Accept the invitation</a></p>");
    }

    EmailRequested data() {
        return new EmailRequested(orgId, requestId, kind, to, subject, textBody, htmlBody);
    }

    /** A new envelope (fresh event id) around this request. */
    String envelope() {
        return envelope(UUID.randomUUID());
    }

    String envelope(UUID eventId) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", eventId.toString());
        envelope.put("type", EventCatalog.EMAIL_REQUESTED.name());
        envelope.put("source", "identity-service");
        envelope.put("time", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        envelope.put("subject", orgId.toString());
        envelope.put("actor", UUID.randomUUID().toString());
        envelope.put("dataschema", EventCatalog.EMAIL_REQUESTED.dataSchema());
        envelope.put("data", data());
        return JSON.writeValueAsString(envelope);
    }
}
