package io.switchboard.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicPaths requests open without a token, as {@code "METHOD /pattern"} or {@code "/pattern"}
 * @param metricsLoopbackOnly {@code /actuator/prometheus} answers only a scraper on the same host (a loopback peer
 *                            address and no forwarding headers): for the gateway, the one service that faces the
 *                            public. Elsewhere it is open like health, to whoever reaches the service's port.
 */
@ConfigurationProperties("switchboard.security")
public record SwitchboardSecurityProperties(@DefaultValue List<String> publicPaths, @DefaultValue("false") boolean metricsLoopbackOnly) {
}
