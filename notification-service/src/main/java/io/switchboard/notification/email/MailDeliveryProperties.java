package io.switchboard.notification.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notification-service sends mail (the SMTP server itself is {@code spring.mail.*}).
 *
 * @param from         the From header of every mail, an RFC 5322 address with an optional display name
 * @param poll         how often the delivery loop looks for due rows without being woken
 * @param firstRetry   the pause after the first failed attempt; it doubles with each further failure
 * @param maxRetry     the longest pause between two attempts
 * @param maxAttempts  attempts (including the first) after which a delivery is marked FAILED
 * @param roundLimit   deliveries handled per wake-up, at most (the next wake-up continues)
 * @param requestRetention how long notification.email-requests.v1 and its DLT keep records (they hold links with tokens)
 */
@ConfigurationProperties("switchboard.mail")
public record MailDeliveryProperties(
        @DefaultValue("Switchboard <no-reply@switchboard.local>") String from,
        @DefaultValue("500ms") Duration poll,
        @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("60s") Duration maxRetry,
        @DefaultValue("20") int maxAttempts,
        @DefaultValue("50") int roundLimit,
        @DefaultValue("1d") Duration requestRetention) {

    public MailDeliveryProperties {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("switchboard.mail.from must be set");
        }
        if (maxAttempts < 1 || roundLimit < 1) {
            throw new IllegalArgumentException("switchboard.mail.max-attempts and round-limit must be at least 1");
        }
        if (requestRetention.isNegative() || requestRetention.isZero()) {
            throw new IllegalArgumentException("switchboard.mail.request-retention must be positive");
        }
        if (poll.isNegative() || poll.isZero() || firstRetry.isNegative() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("switchboard.mail: poll must be positive and max-retry at least first-retry");
        }
    }

    /** The pause after {@code failedAttempts} failures: first-retry, doubled per further failure, capped at max-retry. */
    Duration retryDelay(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1");
        }
        int doublings = Math.min(failedAttempts - 1, 30);
        Duration delay = firstRetry.multipliedBy(1L << doublings);
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }
}
