package io.switchboard.notification.session;

import io.switchboard.events.identity.SessionEnded;
import io.switchboard.web.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every authenticated request whose token belongs to a signed-out session (its hashed {@code sid} in
 * {@link EndedSessions}) is answered 401 problem+json {@code session-ended}, whether or not it came through the
 * gateway. Runs after the security filter chain (it reads the authenticated token). Registered by
 * {@link SessionConfiguration} (a bean method, so that @WebFluxTest slices, which pick up WebFilter components, do
 * not need the database behind it).
 */
class EndedSessionFilter implements WebFilter {

    private static final JsonMapper JSON = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    private final EndedSessions ended;

    EndedSessionFilter(EndedSessions ended) {
        this.ended = ended;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(authentication -> authentication.getPrincipal() instanceof Jwt)
                .map(authentication -> String.valueOf(((Jwt) authentication.getPrincipal()).getClaimAsString("sid")))
                .filter(sid -> !"null".equals(sid))
                .flatMap(sid -> ended.isEnded(SessionEnded.hashOf(sid)))
                .defaultIfEmpty(false)
                .flatMap(isEnded -> isEnded ? refuse(exchange) : chain.filter(exchange));
    }

    /** Filters answer outside the controllers' advice, so the problem is written here (as platform/web's 401 is). */
    private static Mono<Void> refuse(ServerWebExchange exchange) {
        ProblemException refusal = EndedSessions.sessionEnded();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.status(), refusal.getMessage());
        problem.setType(refusal.type());
        var response = exchange.getResponse();
        response.setStatusCode(refusal.status());
        refusal.headers().forEach((name, value) -> response.getHeaders().set(name, value));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(problem))));
    }
}
