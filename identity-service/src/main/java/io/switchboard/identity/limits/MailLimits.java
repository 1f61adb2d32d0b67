package io.switchboard.identity.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The rule: which limit a further mail would break, and when to try again. Pure; the counts come from {@link MailQuota}. */
public final class MailLimits {

    public static final Duration WINDOW = Duration.ofDays(1);

    /** Mails in the last 24 hours for one key, and when the oldest of them was sent (null when none). */
    public record Usage(long count, Instant oldest) {
        public static final Usage NONE = new Usage(0, null);
    }

    /** What the mail would be counted against; a null usage is not limited (e.g. a sign-up has no org). */
    public record Counts(Usage org, Usage sender, Usage recipient) {
    }

    /** A refusal: the problem type's last segment, a sentence for people, and when a retry can succeed. */
    public record Refusal(String type, String detail, Duration retryAfter) {
    }

    private final MailLimitProperties limits;

    public MailLimits(MailLimitProperties limits) {
        this.limits = limits;
    }

    public Optional<Refusal> check(Counts counts, Instant now) {
        if (over(counts.org(), limits.perOrgPerDay())) {
            return Optional.of(new Refusal("org-mail-limit", "This organization has sent " + limits.perOrgPerDay()
                    + " invitation mails in the last 24 hours, the most allowed.", retryAfter(counts.org(), now)));
        }
        if (over(counts.sender(), limits.perInviterPerDay())) {
            return Optional.of(new Refusal("inviter-mail-limit", "You have sent " + limits.perInviterPerDay()
                    + " invitation mails in the last 24 hours, the most allowed.", retryAfter(counts.sender(), now)));
        }
        if (over(counts.recipient(), limits.perRecipientPerDay())) {
            return Optional.of(new Refusal("recipient-mail-limit", "This address has been sent " + limits.perRecipientPerDay()
                    + " mails in the last 24 hours, the most allowed.", retryAfter(counts.recipient(), now)));
        }
        return Optional.empty();
    }

    /** A resend needs {@code resend-interval} since the last resend of the same invitation (the first resend may follow at once). */
    public Optional<Refusal> checkResend(Instant lastResentAt, Instant now) {
        if (lastResentAt == null) {
            return Optional.empty();
        }
        Instant allowedFrom = lastResentAt.plus(limits.resendInterval());
        if (now.isBefore(allowedFrom)) {
            return Optional.of(new Refusal("resend-too-soon", "This invitation was resent a moment ago; one resend per "
                    + limits.resendInterval().toMinutes() + " minutes.", Duration.between(now, allowedFrom)));
        }
        return Optional.empty();
    }

    private static boolean over(Usage usage, int limit) {
        return usage != null && usage.count() >= limit;
    }

    /** When the oldest mail in the window leaves it. */
    private static Duration retryAfter(Usage usage, Instant now) {
        if (usage.oldest() == null) {
            return WINDOW;
        }
        Duration left = Duration.between(now, usage.oldest().plus(WINDOW));
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }
}
