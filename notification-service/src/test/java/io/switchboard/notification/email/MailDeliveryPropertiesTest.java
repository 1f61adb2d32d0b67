package io.switchboard.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MailDeliveryPropertiesTest {

    private final MailDeliveryProperties defaults = new MailDeliveryProperties(
            "Switchboard <no-reply@switchboard.local>", Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(60), 20, 50, Duration.ofDays(1));

    @Test
    void retryDelay_doublesFromOneSecond_andIsCappedAtSixtySeconds() {
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(defaults::retryDelay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(defaults.retryDelay(1_000)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void twentyAttempts_spanAboutFourteenMinutes() {
        Duration total = IntStream.range(1, 20).mapToObj(defaults::retryDelay).reduce(Duration.ZERO, Duration::plus);

        assertThat(total).isEqualTo(Duration.ofSeconds(1 + 2 + 4 + 8 + 16 + 32 + 13 * 60));
    }

    @Test
    void nonsensicalSettings_areRefused() {
        assertThatThrownBy(() -> new MailDeliveryProperties(" ", Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(60), 20, 50, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailDeliveryProperties("a@b.c", Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(60), 20, 50, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailDeliveryProperties("a@b.c", Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(1), 20, 50, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailDeliveryProperties("a@b.c", Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(60), 0, 50, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
