package io.switchboard.testing.push;

import java.time.Instant;

/**
 * One request that reached the test push service, whatever it was answered.
 *
 * @param endpoint          the endpoint URL it was sent to
 * @param at                when it arrived
 * @param outcome           delivered, refused by a scripted answer, or rejected by a check
 * @param status            the HTTP status answered
 * @param reason            why it was not delivered ({@code null} when delivered)
 * @param retryAfterSeconds the {@code Retry-After} answered, or {@code null}
 */
public record PushAttempt(String endpoint, Instant at, Outcome outcome, int status, String reason,
                          Long retryAfterSeconds) {

    public enum Outcome {
        /** Passed every check, decrypted, answered 201. */
        DELIVERED,
        /** Answered by a behaviour switch (410, 404, 429, 5xx) before any check. */
        REFUSED,
        /** Failed a check (VAPID, headers, encryption, unknown endpoint), answered 4xx with the reason. */
        REJECTED
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }
}
