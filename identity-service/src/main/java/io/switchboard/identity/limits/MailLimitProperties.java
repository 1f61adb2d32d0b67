package io.switchboard.identity.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many mails identity-service sends on people's behalf (invitations, resends, welcome and sign-up
 * confirmation mails), so that it cannot be used as a mail relay.
 *
 * @param perOrgPerDay       mails per organization in any 24 hours
 * @param perInviterPerDay   mails one person causes in any 24 hours (across organizations)
 * @param perRecipientPerDay mails to one address in any 24 hours (across organizations and sign-ups)
 * @param resendInterval     at least this long between two resends of one invitation
 */
@ConfigurationProperties("switchboard.limits")
public record MailLimitProperties(
        @DefaultValue("200") int perOrgPerDay,
        @DefaultValue("100") int perInviterPerDay,
        @DefaultValue("5") int perRecipientPerDay,
        @DefaultValue("10m") Duration resendInterval) {

    public MailLimitProperties {
        if (perOrgPerDay < 1 || perInviterPerDay < 1 || perRecipientPerDay < 1) {
            throw new IllegalArgumentException("switchboard.limits: every per-day limit must be at least 1");
        }
        if (resendInterval.isNegative()) {
            throw new IllegalArgumentException("switchboard.limits.resend-interval must not be negative");
        }
    }
}
