package io.switchboard.gateway.access;

import io.switchboard.gateway.web.Problems;
import io.switchboard.gateway.web.RequestPattern;
import io.switchboard.web.ProblemTypes;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code /internal/**} is for service-to-service calls inside the cluster (e.g. org-service's seat
 * reservations) and is never routed: the gateway answers 404, with or without a token, before anything else.
 * Matched on the decoded path, so {@code /%69nternal/...} is refused too.
 */
@Component
class InternalPathsFilter implements WebFilter, Ordered {

    private static final RequestPattern INTERNAL = RequestPattern.parse("/internal/**");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (INTERNAL.matches(exchange)) {
            return Problems.write(exchange, HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No such resource.");
        }
        return chain.filter(exchange);
    }
}
