package io.switchboard.identity.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl            where people open links: {@code <publicUrl>/confirm-email#<token>} (the token in the
 *                             fragment never reaches a server's log; the page posts it to {@code POST /api/signup/confirm})
 * @param confirmationValidity how long a confirmation link works
 */
@ConfigurationProperties("switchboard.accounts")
public record AccountProperties(@DefaultValue("http://localhost:8080") String publicUrl, @DefaultValue("24h") Duration confirmationValidity) {
}
