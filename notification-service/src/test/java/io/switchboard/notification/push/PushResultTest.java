package io.switchboard.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.notification.push.PushResult.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PushResultTest {

    private static Outcome of(int status) {
        return PushResult.answered(status, null, "HTTP " + status).outcome();
    }

    @Test
    void accepted_isSent() {
        assertThat(of(201)).isEqualTo(Outcome.SENT);
        assertThat(of(200)).isEqualTo(Outcome.SENT);
        assertThat(of(202)).isEqualTo(Outcome.SENT);
    }

    @Test
    void notFoundOrGone_deletesTheSubscription() {
        assertThat(of(404)).isEqualTo(Outcome.GONE);
        assertThat(of(410)).isEqualTo(Outcome.GONE);
    }

    @Test
    void tooManyRequests_serverErrors_andNoAnswer_areRetried() {
        assertThat(PushResult.answered(429, Duration.ofSeconds(3), "HTTP 429").outcome()).isEqualTo(Outcome.RETRY);
        assertThat(of(500)).isEqualTo(Outcome.RETRY);
        assertThat(of(503)).isEqualTo(Outcome.RETRY);
        assertThat(PushResult.noAnswer("ConnectException").outcome()).isEqualTo(Outcome.RETRY);
    }

    @Test
    void clientErrors_andRefusedEndpoints_failWithoutRetry() {
        for (int status : new int[] {400, 401, 403, 413, 301, 418, -1}) {
            assertThat(of(status)).as("HTTP %s", status).isEqualTo(Outcome.FAILED);
        }
        assertThat(PushResult.refusedEndpoint("resolves to a private address").outcome()).isEqualTo(Outcome.FAILED);
    }
}
