package io.switchboard.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-04T09:15:00Z");

    @Test
    void seconds_areTheWait() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("0", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void httpDate_isTheWaitUntilThen_andAPastDateMeansNow() {
        assertThat(RetryAfter.parse("Fri, 04 Dec 2026 09:16:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Fri, 04 Dec 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void absentOrUnreadable_isNull() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse("1.5", NOW)).isNull();
        assertThat(RetryAfter.parse("tomorrow", NOW)).isNull();
    }

    @Test
    void hugeNumber_isLongButNotAnError() {
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEqualTo(Duration.ofSeconds(Integer.MAX_VALUE));
    }
}
