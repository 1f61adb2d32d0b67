package io.switchboard.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicPaths    requests open without a token, as {@code "METHOD /pattern"} or {@code "/pattern"}
 * @param metricsScrapers who may read {@code /actuator/prometheus}
 */
@ConfigurationProperties("switchboard.security")
public record SwitchboardSecurityProperties(@DefaultValue List<String> publicPaths, @DefaultValue("any") MetricsScrapers metricsScrapers) {

    /** Who may scrape. Every service but the gateway is reached only from the gateway, its peers and the scraper: ANY. */
    public enum MetricsScrapers {
        /** Open like health, to whoever reaches the service's port. */
        ANY,
        /** A loopback peer whose request carries no forwarding header: the gateway on one host (the local stack). */
        THIS_HOST,
        /**
         * A peer whose request carries no forwarding header: the gateway in a cluster, where its NetworkPolicy admits
         * only the ingress controller (which adds {@code X-Forwarded-For} to everything it passes on) and the scraper.
         */
        UNFORWARDED
    }
}
