package io.switchboard.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Every error a controller raises becomes problem+json (what {@code spring.webflux.problemdetails.enabled}
 * would give, plus stable types); bad input is a 400 whose {@code errors} name the offending fields.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ProblemException.class)
    Mono<ResponseEntity<ProblemDetail>> onProblem(ProblemException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(e.type());
        e.properties().forEach(problem::setProperty);
        var response = ResponseEntity.status(e.status());
        e.headers().forEach((name, value) -> response.header(name, value));
        return Mono.just(response.body(problem));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException e, HttpHeaders headers,
                                                                          HttpStatusCode status, ServerWebExchange exchange) {
        List<Map<String, String>> errors = e.getFieldErrors().stream()
                .map(error -> error(error.getField(), error.getDefaultMessage()))
                .collect(Collectors.toList());
        e.getGlobalErrors().forEach(error -> errors.add(error(error.getObjectName(), error.getDefaultMessage())));
        return invalid(status, headers, errors);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException e, HttpHeaders headers,
                                                                                  HttpStatusCode status, ServerWebExchange exchange) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> error(result.getMethodParameter().getParameterName(), message(error))))
                .toList();
        return invalid(status, headers, errors);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleMissingRequestValueException(MissingRequestValueException e, HttpHeaders headers,
                                                                              HttpStatusCode status, ServerWebExchange exchange) {
        return invalid(status, headers, List.of(error(e.getName(), "is required")));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException e, HttpHeaders headers,
                                                                         HttpStatusCode status, ServerWebExchange exchange) {
        String detail = e.getReason() != null ? e.getReason() : "Bad request.";
        // A record that checks itself in its constructor explains the refusal; say that, not Jackson's words.
        ValueInstantiationException selfCheck = cause(e, ValueInstantiationException.class);
        if (selfCheck != null && selfCheck.getCause() instanceof IllegalArgumentException refused && refused.getMessage() != null) {
            detail = refused.getMessage();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.BAD_REQUEST);
        String field = jsonField(cause(e, JacksonException.class));
        if (field == null && e.getMethodParameter() != null) {
            field = e.getMethodParameter().getParameterName();
        }
        if (field != null) {
            problem.setProperty("errors", List.of(error(field, detail)));
        }
        return Mono.just(ResponseEntity.status(status).headers(headers).body(problem));
    }

    private static Mono<ResponseEntity<Object>> invalid(HttpStatusCode status, HttpHeaders headers, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The request has invalid fields.");
        problem.setType(ProblemTypes.VALIDATION);
        problem.setProperty("errors", errors);
        return Mono.just(ResponseEntity.status(status).headers(headers).body(problem));
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", String.valueOf(field), "message", String.valueOf(message));
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
    }

    /** The JSON path of a body that failed to bind, e.g. {@code keys.auth} or {@code items[2].email}. */
    private static String jsonField(JacksonException e) {
        if (e == null || e.getPath().isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
