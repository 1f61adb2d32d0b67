package io.switchboard.gateway.access;

import io.switchboard.gateway.web.Problems;
import io.switchboard.gateway.web.RequestPattern;
import io.switchboard.web.SwitchboardSecurityProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A token whose {@code email_verified} claim is not {@code true} belongs to someone who has not proved they own
 * the address (a sign-up not yet confirmed, a directly created account whose welcome link is unused). Such a
 * caller may use the public endpoints and {@code GET /api/me} (so the dashboard can say what to do), nothing
 * else: 403 problem+json of type email-not-verified.
 */
@Component
class EmailVerifiedFilter implements WebFilter, Ordered {

    private final List<RequestPattern> open = new ArrayList<>();

    EmailVerifiedFilter(SwitchboardSecurityProperties security) {
        security.publicPaths().stream().map(RequestPattern::parse).forEach(open::add);
        open.add(RequestPattern.parse("GET /api/me"));
        open.add(RequestPattern.parse("/actuator/health/**"));
    }

    @Override
    public int getOrder() {
        return -20; // after Spring Security's chain (-100), before the per-caller limits and the membership check
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (open.stream().anyMatch(p -> p.matches(exchange))) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(token -> Boolean.TRUE.equals(token.getToken().getClaims().get("email_verified")))
                .defaultIfEmpty(true) // no token: the security chain has already decided
                .flatMap(verified -> verified ? chain.filter(exchange) : Problems.write(exchange, HttpStatus.FORBIDDEN,
                        Problems.EMAIL_NOT_VERIFIED,
                        "Your email address is not confirmed yet. Open the link in the mail we sent you to confirm it, then sign in again."));
    }
}
