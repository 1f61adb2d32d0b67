package io.switchboard.gateway.web;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Responses for invitation links carry {@code Referrer-Policy: no-referrer}: the token is in the path, and a
 * page loaded from it must not hand that URL to any other site it links to or loads from.
 */
@Component
class ReferrerPolicyFilter implements WebFilter, Ordered {

    private static final List<RequestPattern> TOKEN_PATHS = List.of(RequestPattern.parse("/api/invitations/**"), RequestPattern.parse("/invite/**"));

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (TOKEN_PATHS.stream().anyMatch(p -> p.matches(exchange))) {
            var response = exchange.getResponse();
            // set now for answers the gateway writes itself, and again just before commit over what a service sent
            response.getHeaders().set("Referrer-Policy", "no-referrer");
            response.beforeCommit(() -> {
                response.getHeaders().set("Referrer-Policy", "no-referrer");
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}
