package io.switchboard.gateway.ratelimit;

import io.switchboard.gateway.ratelimit.RateLimitProperties.Key;
import io.switchboard.gateway.ratelimit.RateLimits.Limit;
import io.switchboard.gateway.web.Problems;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Applies the rules of one key kind. Per-address rules run before the security chain (a flood of
 * unauthenticated requests costs no token validation); per-caller rules run after it, once the caller is known.
 * Past a limit: 429 problem+json with Retry-After in seconds.
 */
final class RateLimitFilter implements WebFilter, Ordered {

    /** Before Spring Security's WebFilterChainProxy (-100). */
    static final int BEFORE_SECURITY = -200;
    /** After Spring Security, before the org-membership check (0). */
    static final int AFTER_SECURITY = -10;

    private final RateLimits limits;
    private final Key key;
    private final ClientAddresses clientAddresses;

    RateLimitFilter(RateLimits limits, Key key, ClientAddresses clientAddresses) {
        this.limits = limits;
        this.key = key;
        this.clientAddresses = clientAddresses;
    }

    @Override
    public int getOrder() {
        return key == Key.CLIENT_ADDRESS ? BEFORE_SECURITY : AFTER_SECURITY;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<Limit> applicable = limits.applicable(exchange, key);
        if (applicable.isEmpty()) {
            return chain.filter(exchange);
        }
        return who(exchange)
                .map(who -> firstRefusal(applicable, who))
                .defaultIfEmpty(Optional.empty())
                .flatMap(refusal -> refusal.isPresent() ? tooMany(exchange, refusal.get()) : chain.filter(exchange));
    }

    private Mono<String> who(ServerWebExchange exchange) {
        if (key == Key.CLIENT_ADDRESS) {
            return Mono.just(clientAddresses.resolve(exchange.getRequest()));
        }
        return exchange.getPrincipal().ofType(JwtAuthenticationToken.class).map(token -> token.getToken().getSubject());
    }

    private static Optional<Duration> firstRefusal(List<Limit> applicable, String who) {
        for (Limit limit : applicable) {
            Optional<Duration> wait = limit.take(who);
            if (wait.isPresent()) {
                return wait;
            }
        }
        return Optional.empty();
    }

    private Mono<Void> tooMany(ServerWebExchange exchange, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        String whose = key == Key.CLIENT_ADDRESS ? "from your address" : "from your account";
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED,
                "Too many requests of this kind " + whose + "; try again in " + seconds + " s.");
    }
}
