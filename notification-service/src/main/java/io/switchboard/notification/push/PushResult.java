package io.switchboard.notification.push;

import java.time.Duration;

/**
 * What a push service answered, or that it did not.
 *
 * @param status     the HTTP status; 0 when there was no answer (refused, reset, timed out)
 * @param retryAfter its Retry-After, when it gave one
 * @param reason     a log-safe description (no endpoint)
 * @param refused    the endpoint was refused before connecting (a name resolving to a non-public address)
 */
record PushResult(int status, Duration retryAfter, String reason, boolean refused) {

    enum Outcome { SENT, GONE, RETRY, FAILED }

    static PushResult answered(int status, Duration retryAfter, String reason) {
        return new PushResult(status, retryAfter, reason, false);
    }

    static PushResult noAnswer(String reason) {
        return new PushResult(0, null, reason, false);
    }

    static PushResult refusedEndpoint(String reason) {
        return new PushResult(0, null, reason, true);
    }

    /**
     * What the answer means for the delivery: 200/201/202 delivered; 404/410 the subscription is gone; 429, 5xx
     * and no answer are worth another try; 400, 401, 403, 413 (and any other answer) will not get better.
     */
    Outcome outcome() {
        if (refused) {
            return Outcome.FAILED;
        }
        if (status == 200 || status == 201 || status == 202) {
            return Outcome.SENT;
        }
        if (status == 404 || status == 410) {
            return Outcome.GONE;
        }
        if (status == 0 || status == 429 || status >= 500 && status <= 599) {
            return Outcome.RETRY;
        }
        return Outcome.FAILED;
    }
}
