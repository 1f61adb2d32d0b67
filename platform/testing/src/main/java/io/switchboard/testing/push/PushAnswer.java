package io.switchboard.testing.push;

import java.time.Duration;

/**
 * How the test push service answers a push request. {@link #accept()} (201) means "run every check and, if the
 * push passes, deliver it"; any other answer refuses the request before the checks, as a push service does for
 * an expired subscription, a rate limit or an outage of its own.
 *
 * @param status            the HTTP status
 * @param retryAfterSeconds the {@code Retry-After} header in seconds, or {@code null} for none
 */
public record PushAnswer(int status, Long retryAfterSeconds) {

    public PushAnswer {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        if (retryAfterSeconds != null && retryAfterSeconds < 0) {
            throw new IllegalArgumentException("Retry-After must not be negative");
        }
    }

    /** 201 Created after every check passes: the push is delivered to the device. */
    public static PushAnswer accept() {
        return new PushAnswer(201, null);
    }

    /** 410 Gone: the subscription expired or the user unsubscribed; the sender must drop it. */
    public static PushAnswer gone() {
        return new PushAnswer(410, null);
    }

    /** 404 Not Found: the push service does not know this subscription. */
    public static PushAnswer notFound() {
        return new PushAnswer(404, null);
    }

    /** 429 Too Many Requests with {@code Retry-After} in whole seconds. */
    public static PushAnswer tooManyRequests(Duration retryAfter) {
        return new PushAnswer(429, retryAfter.toSeconds());
    }

    /** 500 Internal Server Error. */
    public static PushAnswer serverError() {
        return new PushAnswer(500, null);
    }

    /** 503 Service Unavailable, without {@code Retry-After}. */
    public static PushAnswer unavailable() {
        return new PushAnswer(503, null);
    }

    /** 503 Service Unavailable with {@code Retry-After} in whole seconds. */
    public static PushAnswer unavailable(Duration retryAfter) {
        return new PushAnswer(503, retryAfter.toSeconds());
    }

    public boolean accepts() {
        return status == 201;
    }
}
