package io.switchboard.routing.access;

import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Refusals shared by routing's packages, as problem+json naming the field at fault. */
public final class RoutingProblems {

    private RoutingProblems() {
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.", errors(field, message));
    }

    public static ProblemException conflict(String type, String detail, String field, String message) {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of(type), detail, errors(field, message));
    }

    public static ProblemException notFound(String what) {
        return ProblemException.notFound(what);
    }

    public static ProblemException forbidden(String detail) {
        return ProblemException.forbidden(detail);
    }

    public static Map<String, Object> errors(String field, String message) {
        return Map.of("errors", List.of(Map.of("field", field, "message", message)));
    }
}
