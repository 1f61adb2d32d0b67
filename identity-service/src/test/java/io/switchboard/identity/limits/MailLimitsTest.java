package io.switchboard.identity.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MailLimitsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final MailLimits limits = new MailLimits(new MailLimitProperties(3, 2, 1, Duration.ofMinutes(10)));

    private static MailLimits.Usage used(long count, Duration ago) {
        return new MailLimits.Usage(count, NOW.minus(ago));
    }

    @Test
    void belowEveryLimit_isAllowed() {
        assertThat(limits.check(new MailLimits.Counts(used(2, Duration.ofHours(1)), used(1, Duration.ofHours(1)), MailLimits.Usage.NONE), NOW)).isEmpty();
    }

    @Test
    void orgAtItsDailyCap_isRefused_untilItsOldestMailLeavesTheWindow() {
        var refusal = limits.check(new MailLimits.Counts(used(3, Duration.ofHours(20)), MailLimits.Usage.NONE, MailLimits.Usage.NONE), NOW);
        assertThat(refusal).hasValueSatisfying(r -> {
            assertThat(r.type()).isEqualTo("org-mail-limit");
            assertThat(r.retryAfter()).isEqualTo(Duration.ofHours(4));
        });
    }

    @Test
    void inviterAndRecipientCaps_areTheirOwn() {
        assertThat(limits.check(new MailLimits.Counts(MailLimits.Usage.NONE, used(2, Duration.ofHours(1)), MailLimits.Usage.NONE), NOW))
                .hasValueSatisfying(r -> assertThat(r.type()).isEqualTo("inviter-mail-limit"));
        assertThat(limits.check(new MailLimits.Counts(null, null, used(1, Duration.ofMinutes(5))), NOW))
                .hasValueSatisfying(r -> assertThat(r.type()).isEqualTo("recipient-mail-limit"));
    }

    @Test
    void firstResend_mayFollowAtOnce_theNextOnlyAfterTheInterval() {
        assertThat(limits.checkResend(null, NOW)).isEmpty();
        assertThat(limits.checkResend(NOW.minus(Duration.ofMinutes(4)), NOW))
                .hasValueSatisfying(r -> {
                    assertThat(r.type()).isEqualTo("resend-too-soon");
                    assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(6));
                });
        assertThat(limits.checkResend(NOW.minus(Duration.ofMinutes(10)), NOW)).isEmpty();
    }
}
