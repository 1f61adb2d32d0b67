package io.switchboard.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.gateway.rate-limit}: named rules, each a token bucket of {@code limit} requests refilled
 * evenly over {@code per}, kept per client address or per caller (the token's subject).
 *
 * @param maxTrackedKeys  at most this many buckets per rule are kept in memory (least useful evicted first)
 * @param trustedProxies  addresses or CIDR blocks of the reverse proxies in front of the gateway; only their
 *                        X-Forwarded-For is believed (see {@link ClientAddresses})
 * @param rules           by name; a map (not a list) so that one rule's limit can be overridden on its own
 */
@ConfigurationProperties("switchboard.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("50000") int maxTrackedKeys, @DefaultValue List<String> trustedProxies,
                                  @DefaultValue Map<String, Rule> rules) {

    public RateLimitProperties {
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("switchboard.gateway.rate-limit.max-tracked-keys must be at least 1");
        }
        rules.forEach((name, rule) -> rule.validate(name));
    }

    /**
     * @param key      whose bucket a request takes from
     * @param requests request patterns ("METHOD /path", "GET|POST /path" or "/path"), matched on decoded paths
     * @param limit    requests allowed per {@code per}; a burst may use them all at once
     * @param per      the period over which {@code limit} requests are refilled
     */
    public record Rule(Key key, List<String> requests, long limit, Duration per) {
        void validate(String name) {
            String where = "switchboard.gateway.rate-limit.rules." + name;
            if (key == null) {
                throw new IllegalArgumentException(where + ".key is missing (client-address or caller)");
            }
            if (requests == null || requests.isEmpty()) {
                throw new IllegalArgumentException(where + ".requests is empty");
            }
            if (limit < 1 || per == null || per.isZero() || per.isNegative()) {
                throw new IllegalArgumentException(where + ": limit must be at least 1 and per a positive duration");
            }
        }
    }

    public enum Key {
        /** the client's address: the TCP peer, or what a trusted proxy says it saw */
        CLIENT_ADDRESS,
        /** the signed-in caller (the token's sub); requests without a token are left to the security chain */
        CALLER
    }
}
