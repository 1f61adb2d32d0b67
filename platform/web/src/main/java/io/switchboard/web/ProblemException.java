package io.switchboard.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Thrown by services for an expected refusal; answered as problem+json with the given type. */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final URI type;
    private final Map<String, Object> properties;

    public ProblemException(HttpStatus status, URI type, String detail) {
        this(status, type, detail, Map.of());
    }

    /** @param typeSuffix the last segment of the problem type, e.g. {@code "seat-limit-reached"} */
    public ProblemException(HttpStatus status, String typeSuffix, String detail) {
        this(status, ProblemTypes.of(typeSuffix), detail, Map.of());
    }

    public ProblemException(HttpStatus status, URI type, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, what + " not found");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
