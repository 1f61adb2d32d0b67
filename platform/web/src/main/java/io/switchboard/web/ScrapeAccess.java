package io.switchboard.web;

import java.net.InetSocketAddress;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Who may scrape a public-facing service's metrics ({@link SwitchboardSecurityProperties.MetricsScrapers}). A
 * reverse proxy or ingress controller adds a forwarding header to what it passes on, so a request without one
 * came straight from its peer, not from the public.
 */
final class ScrapeAccess {

    private ScrapeAccess() {
    }

    /** A peer on the same host (a loopback address) whose request no proxy forwarded. */
    static Mono<AuthorizationResult> fromThisHost(Mono<Authentication> authentication, AuthorizationContext context) {
        ServerHttpRequest request = context.getExchange().getRequest();
        InetSocketAddress peer = request.getRemoteAddress();
        boolean loopback = peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
        return Mono.just(new AuthorizationDecision(loopback && !forwarded(request)));
    }

    /** Any peer whose request no proxy forwarded: where a network policy admits only the ingress controller and the scraper. */
    static Mono<AuthorizationResult> unforwarded(Mono<Authentication> authentication, AuthorizationContext context) {
        return Mono.just(new AuthorizationDecision(!forwarded(context.getExchange().getRequest())));
    }

    private static boolean forwarded(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return headers.containsHeader("Forwarded") || headers.containsHeader("X-Forwarded-For") || headers.containsHeader("X-Real-IP");
    }
}
