package io.switchboard.web;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes the place of Boot's error handler for whatever no controller advice answered: a problem+json
 * response, and a log line whose path has its secrets redacted ({@link LogSafePaths}). Boot's own handler
 * logs {@code 500 Server Error for HTTP POST "/api/invitations/<token>/accept"}, which puts invitation tokens
 * into the logs; this one logs {@code /api/invitations/***}{@code /accept}.
 */
public class RedactingErrorWebExceptionHandler implements ErrorWebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RedactingErrorWebExceptionHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        String path = LogSafePaths.redact(exchange.getRequest().getPath().value());
        String method = exchange.getRequest().getMethod().name();
        HttpStatusCode status = failure instanceof ErrorResponse error ? error.getStatusCode() : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("{}{} {} {} failed", exchange.getLogPrefix(), status.value(), method, path, redacted(failure));
        } else if (log.isDebugEnabled()) {
            log.debug("{}{} {} {}: {}", exchange.getLogPrefix(), status.value(), method, path, LogSafePaths.redactText(failure.getMessage()));
        }
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        ProblemDetail problem = failure instanceof ErrorResponse error ? copy(error.getBody())
                : ProblemDetail.forStatusAndDetail(status, "Something went wrong on our side; try again later.");
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(status.is5xxServerError() ? ProblemTypes.of("internal-error") : ProblemTypes.BAD_REQUEST);
        }
        if (problem.getDetail() != null) {
            problem.setDetail(LogSafePaths.redactText(problem.getDetail()));
        }
        try {
            problem.setInstance(URI.create(path));
        } catch (IllegalArgumentException oddPath) {
            problem.setInstance(null);
        }
        if (failure instanceof ErrorResponse error) {
            response.getHeaders().putAll(error.getHeaders());
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(JSON.writeValueAsBytes(problem))));
    }

    private static ProblemDetail copy(ProblemDetail body) {
        ProblemDetail problem = ProblemDetail.forStatus(body.getStatus());
        problem.setType(body.getType());
        problem.setTitle(body.getTitle());
        problem.setDetail(body.getDetail());
        return problem;
    }

    /** The failure with its stack trace, but with token-like text removed from its message and its causes'. */
    static Throwable redacted(Throwable failure) {
        if (failure == null) {
            return null;
        }
        Throwable copy = new RedactedFailure(failure.getClass().getName() + ": " + LogSafePaths.redactText(failure.getMessage()),
                redacted(failure.getCause() == failure ? null : failure.getCause()));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    @Override
    public int getOrder() {
        return -2;
    }

    /** Stands in for a failure in a log line: the original's class and stack, its message redacted. */
    static final class RedactedFailure extends RuntimeException {
        RedactedFailure(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
