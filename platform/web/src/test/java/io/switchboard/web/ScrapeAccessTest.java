package io.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

class ScrapeAccessTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress POD = new InetSocketAddress("10.42.3.17", 40000);

    @Test
    void thisHost_admitsAnUnforwardedLoopbackPeerOnly() {
        assertThat(granted(ScrapeAccess::fromThisHost, LOOPBACK, null)).isTrue();
        assertThat(granted(ScrapeAccess::fromThisHost, POD, null)).as("another host").isFalse();
        assertThat(granted(ScrapeAccess::fromThisHost, LOOPBACK, "X-Forwarded-For")).as("a proxy on this host").isFalse();
    }

    @Test
    void unforwarded_admitsAnyPeer_butNothingAProxyPassedOn() {
        assertThat(granted(ScrapeAccess::unforwarded, POD, null)).as("the cluster's scraper").isTrue();
        assertThat(granted(ScrapeAccess::unforwarded, LOOPBACK, null)).isTrue();
        for (String header : new String[] {"X-Forwarded-For", "Forwarded", "X-Real-IP"}) {
            assertThat(granted(ScrapeAccess::unforwarded, POD, header)).as("the ingress controller adds " + header).isFalse();
        }
    }

    private static boolean granted(BiFunction<Mono<Authentication>, AuthorizationContext, Mono<AuthorizationResult>> access,
                                   InetSocketAddress peer, String forwardingHeader) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/actuator/prometheus").remoteAddress(peer);
        if (forwardingHeader != null) {
            request.header(forwardingHeader, forwardingHeader.equals("Forwarded") ? "for=203.0.113.7" : "203.0.113.7");
        }
        AuthorizationContext context = new AuthorizationContext(MockServerWebExchange.from(request));
        return access.apply(Mono.empty(), context).block().isGranted();
    }
}
