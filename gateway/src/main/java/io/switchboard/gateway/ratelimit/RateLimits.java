package io.switchboard.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.switchboard.gateway.ratelimit.RateLimitProperties.Key;
import io.switchboard.gateway.web.RequestPattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.web.server.ServerWebExchange;

/**
 * The configured rules and their buckets. Each rule keeps its buckets in a Caffeine cache bounded by
 * {@code max-tracked-keys} and expiring a bucket once it has gone unused for the rule's period: by then it
 * would be full again, so forgetting it changes nothing. Memory stays bounded however many addresses call.
 */
public final class RateLimits {

    /** One rule with its buckets. */
    record Limit(String name, Key key, List<RequestPattern> requests, long limit, Duration per, Cache<String, Bucket> buckets) {

        boolean appliesTo(ServerWebExchange exchange) {
            return requests.stream().anyMatch(r -> r.matches(exchange));
        }

        /** Takes one request from {@code who}'s bucket; empty if allowed, else how long until one is free. */
        Optional<Duration> take(String who) {
            ConsumptionProbe probe = buckets.get(who, k -> Bucket.builder()
                    .addLimit(l -> l.capacity(limit).refillGreedy(limit, per)).build()).tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private final List<Limit> limits;

    RateLimits(RateLimitProperties properties) {
        this.limits = properties.rules().entrySet().stream().map(e -> new Limit(e.getKey(), e.getValue().key(),
                e.getValue().requests().stream().map(RequestPattern::parse).toList(), e.getValue().limit(), e.getValue().per(),
                Caffeine.newBuilder().maximumSize(properties.maxTrackedKeys()).expireAfterAccess(e.getValue().per()).<String, Bucket>build()))
                .toList();
    }

    List<Limit> applicable(ServerWebExchange exchange, Key key) {
        return limits.stream().filter(l -> l.key() == key && l.appliesTo(exchange)).toList();
    }

    /** How many buckets the rule named {@code rule} holds right now (for tests and diagnostics). */
    public long trackedKeys(String rule) {
        return limits.stream().filter(l -> l.name().equals(rule)).mapToLong(l -> {
            l.buckets().cleanUp();
            return l.buckets().estimatedSize();
        }).sum();
    }
}
