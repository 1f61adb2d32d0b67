package io.switchboard.web;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 from the security filter chain, written as problem+json (the details never echo a token). */
final class ProblemResponses {

    // The security filters answer before any codec is chosen, so they serialize the problem themselves.
    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    private ProblemResponses() {
    }

    static ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, failure) -> {
            boolean badToken = failure instanceof OAuth2AuthenticationException;
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
            return write(exchange, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED,
                    badToken ? "The bearer token is invalid, expired or not meant for this API."
                            : "This request needs a bearer token.");
        };
    }

    static ServerAccessDeniedHandler forbidden() {
        return (exchange, denied) -> write(exchange, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                "You are not allowed to do this.");
    }

    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, URI type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        try {
            problem.setInstance(URI.create(LogSafePaths.redact(exchange.getRequest().getPath().value())));
        } catch (IllegalArgumentException oddPath) {
            // the instance is optional; a path URI refuses must not turn a 401 into a 500
        }
        byte[] body = JSON.writeValueAsBytes(problem);
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
