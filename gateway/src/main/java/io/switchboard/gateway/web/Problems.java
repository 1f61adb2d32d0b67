package io.switchboard.gateway.web;

import io.switchboard.web.ProblemTypes;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 answers the gateway's own filters write before any route or codec is involved. */
public final class Problems {

    public static final URI RATE_LIMITED = ProblemTypes.of("rate-limited");
    public static final URI EMAIL_NOT_VERIFIED = ProblemTypes.of("email-not-verified");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PathPattern INVITATION_PATHS = PathPatternParser.defaultInstance.parse("/api/invitations/**");

    private Problems() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, URI type, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.toString());
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        // the path as received (JSON-escaped by the mapper), except where it carries an invitation token
        if (!INVITATION_PATHS.matches(exchange.getRequest().getPath().pathWithinApplication())) {
            problem.put("instance", exchange.getRequest().getPath().value());
        }
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(problem))));
    }
}
