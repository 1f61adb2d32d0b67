package io.switchboard.notification.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushPropertiesTest {

    static PushProperties defaults(String kek) {
        return new PushProperties(kek, "mailto:push@switchboard.local", List.of(), Duration.ofHours(24), Duration.ofHours(1),
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1), 12, 4,
                Duration.ofSeconds(5), Duration.ofSeconds(15), 200);
    }

    @Test
    void backoff_doublesFromFirstRetry_upToMaxRetry_withJitterBetweenHalfAndAll() {
        PushProperties p = defaults(null);
        assertThat(p.backoff(1, 1.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.backoff(2, 1.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(4, 1.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.backoff(4, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoff(20, 1.0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.backoff(64, 0.0)).isEqualTo(Duration.ofMinutes(5).dividedBy(2));
        for (int i = 0; i < 100; i++) {
            assertThat(p.backoff(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }

    @Test
    void retryAfter_winsOverBackoff_butIsCappedAtMaxRetryAfter() {
        PushProperties p = defaults(null);
        assertThat(p.retryDelay(1, Duration.ofSeconds(42))).isEqualTo(Duration.ofSeconds(42));
        assertThat(p.retryDelay(9, Duration.ZERO)).isEqualTo(Duration.ZERO);
        assertThat(p.retryDelay(1, Duration.ofDays(3))).isEqualTo(Duration.ofHours(1));
        assertThat(p.retryDelay(1, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void highUrgency_hasItsOwnTtl() {
        PushProperties p = defaults(null);
        assertThat(p.ttlFor("high")).isEqualTo(Duration.ofHours(1));
        assertThat(p.ttlFor("normal")).isEqualTo(Duration.ofHours(24));
        assertThat(p.ttlFor("low")).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void pushIsConfigured_onlyWithAKey_andToStringNeverShowsIt() {
        assertThat(defaults(null).pushConfigured()).isFalse();
        assertThat(defaults("  ").pushConfigured()).isFalse();
        PushProperties configured = defaults("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=");
        assertThat(configured.pushConfigured()).isTrue();
        assertThat(configured.toString()).doesNotContain("c2VjcmV0").contains("(set)");
    }

    @Test
    void subjectMustBeAContact() {
        assertThatThrownBy(() -> new PushProperties(null, "push@example.com", List.of(), Duration.ofHours(24), Duration.ofHours(1),
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1), 12, 4,
                Duration.ofSeconds(5), Duration.ofSeconds(15), 200)).isInstanceOf(IllegalArgumentException.class);
    }
}
