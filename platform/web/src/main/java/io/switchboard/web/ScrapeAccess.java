package io.switchboard.web;

import java.net.InetSocketAddress;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Who may scrape a public-facing service's metrics: a peer on the same host (a loopback address) whose request no
 * proxy forwarded. A reverse proxy on the same host connects from loopback too, but it adds a forwarding header.
 */
final class ScrapeAccess {

    private ScrapeAccess() {
    }

    static Mono<AuthorizationResult> fromThisHost(Mono<Authentication> authentication, AuthorizationContext context) {
        var request = context.getExchange().getRequest();
        InetSocketAddress peer = request.getRemoteAddress();
        HttpHeaders headers = request.getHeaders();
        boolean forwarded = headers.containsHeader("Forwarded") || headers.containsHeader("X-Forwarded-For")
                || headers.containsHeader("X-Real-IP");
        boolean loopback = peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
        return Mono.just(new AuthorizationDecision(loopback && !forwarded));
    }
}
