package io.switchboard.notification.push;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Web Push settings ({@code switchboard.push.*}).
 *
 * @param keyEncryptionKey      base64 of 32 bytes: the AES-256 key that encrypts the stored VAPID private key
 *                              (env {@code SWITCHBOARD_PUSH_KEY_ENCRYPTION_KEY}); unset = push is off
 * @param subject               the VAPID {@code sub} claim: a mailto: or https: contact for push services
 * @param insecureEndpointHosts hosts whose endpoints may be plain http and on any address (tests only; default none)
 * @param ttl                   how long a push service keeps an undelivered message (normal, low, very-low urgency)
 * @param highUrgencyTtl        the same for high urgency (assignments: stale sooner, the bell keeps them)
 * @param poll                  the safety-net poll; LISTEN notification_created wakes the loop at once
 * @param firstRetry            the backoff after the first failed attempt; doubles per further failure (with jitter)
 * @param maxRetry              the longest backoff between two attempts
 * @param maxRetryAfter         the longest Retry-After honoured (a longer one is cut to this)
 * @param maxAttempts           attempts (the first included) after which a retryable failure becomes FAILED
 * @param concurrency           deliveries sent at once per instance
 * @param connectTimeout        to connect to a push service
 * @param sendTimeout           for a whole send (request and answer); the delivery lease is twice this plus connect-timeout plus 30s
 * @param fanOutBatch           pending notifications fanned out per transaction
 */
@ConfigurationProperties("switchboard.push")
public record PushProperties(
        String keyEncryptionKey,
        @DefaultValue("mailto:push@switchboard.local") String subject,
        @DefaultValue List<String> insecureEndpointHosts,
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("1h") Duration highUrgencyTtl,
        @DefaultValue("10s") Duration poll,
        @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("5m") Duration maxRetry,
        @DefaultValue("1h") Duration maxRetryAfter,
        @DefaultValue("12") int maxAttempts,
        @DefaultValue("4") int concurrency,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("5s") Duration sendTimeout,
        @DefaultValue("200") int fanOutBatch) {

    public PushProperties {
        if (subject == null || !(subject.startsWith("mailto:") || subject.startsWith("https://"))) {
            throw new IllegalArgumentException("switchboard.push.subject must be a mailto: or https: URL");
        }
        if (maxAttempts < 1 || concurrency < 1 || fanOutBatch < 1) {
            throw new IllegalArgumentException("switchboard.push: max-attempts, concurrency and fan-out-batch must be at least 1");
        }
        if (poll.isNegative() || poll.isZero() || firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0
                || ttl.isNegative() || highUrgencyTtl.isNegative() || maxRetryAfter.isNegative()
                || connectTimeout.isNegative() || connectTimeout.isZero() || sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("switchboard.push: durations must be positive and max-retry at least first-retry");
        }
        insecureEndpointHosts = insecureEndpointHosts == null ? List.of()
                : insecureEndpointHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    /** Whether a key-encryption key is configured at all (its validity is checked when it is used). */
    boolean pushConfigured() {
        return keyEncryptionKey != null && !keyEncryptionKey.isBlank();
    }

    /** How long a push service should keep a message of this urgency. */
    Duration ttlFor(String urgency) {
        return "high".equals(urgency) ? highUrgencyTtl : ttl;
    }

    /**
     * The pause after {@code failedAttempts} failures without a Retry-After: first-retry doubled per further
     * failure, capped at max-retry, then "equal jitter" (between half and all of it) so that devices of one
     * outage do not come back in step.
     */
    Duration backoff(int failedAttempts, double random) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1");
        }
        if (random < 0 || random > 1) {
            throw new IllegalArgumentException("random must be in [0, 1]");
        }
        int doublings = Math.min(failedAttempts - 1, 30);
        long capped = Math.min(firstRetry.toMillis() * (1L << doublings), maxRetry.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + Math.round((capped - half) * random));
    }

    Duration backoff(int failedAttempts) {
        return backoff(failedAttempts, ThreadLocalRandom.current().nextDouble());
    }

    /** The pause before the next attempt: the push service's Retry-After (capped at max-retry-after) when it gave one. */
    Duration retryDelay(int failedAttempts, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        return backoff(failedAttempts);
    }

    /** Never the key itself. */
    @Override
    public String toString() {
        return "PushProperties[keyEncryptionKey=" + (pushConfigured() ? "(set)" : "(not set)") + ", subject=" + subject
                + ", insecureEndpointHosts=" + insecureEndpointHosts + ", ttl=" + ttl + ", highUrgencyTtl=" + highUrgencyTtl
                + ", maxAttempts=" + maxAttempts + "]";
    }
}
