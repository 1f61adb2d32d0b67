package io.switchboard.gateway.session;

import io.switchboard.events.identity.SessionEnded;
import io.switchboard.gateway.web.Problems;
import io.switchboard.gateway.web.RequestPattern;
import io.switchboard.web.ProblemTypes;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A valid token of a session its person signed out of ({@code sid} claim, hashed as {@link SessionEnded#hashOf}) is
 * refused on every path, public ones included (a public endpoint that takes a token, such as accepting an invitation,
 * acts as its person): 401 problem+json of type session-ended, until the session's tokens have expired.
 *
 * <p>One request is let through: {@code POST /api/me/sign-out} itself, so that a sign-out whose Keycloak step failed
 * can be retried with the same token (identity-service ends the Keycloak session then; ending it twice is harmless).
 * Neither the token nor its {@code sid} is written to the answer or the log.
 */
class EndedSessionFilter implements WebFilter, Ordered {

    static final URI SESSION_ENDED = ProblemTypes.of("session-ended");
    private static final RequestPattern SIGN_OUT = RequestPattern.parse("POST /api/me/sign-out");

    private final EndedSessions sessions;

    EndedSessionFilter(EndedSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public int getOrder() {
        return -30; // after Spring Security's chain (-100) has validated the token; before email verification, limits and membership
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (sessions.isEmpty() || SIGN_OUT.matches(exchange)) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .ofType(JwtAuthenticationToken.class)
                .map(token -> sessions.isEnded(SessionEnded.hashOf(token.getToken().getClaimAsString("sid"))))
                .defaultIfEmpty(false)
                .flatMap(ended -> ended ? refuse(exchange) : chain.filter(exchange));
    }

    private static Mono<Void> refuse(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"invalid_token\", error_description=\"The session has ended\"");
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, SESSION_ENDED,
                "This sign-in has ended (you signed out on this device). Sign in again.");
    }
}
