package io.switchboard.gateway.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.gateway.ended-sessions}.
 *
 * @param keep how long after a sign-out its session's tokens are refused: at least the longest access-token lifetime
 *             of the realm (5 minutes) plus clock skew between identity-service and the gateway. A start reads the
 *             sessions ended within the last {@code keep}.
 */
@ConfigurationProperties("switchboard.gateway.ended-sessions")
public record EndedSessionsProperties(@DefaultValue("10m") Duration keep) {
}
