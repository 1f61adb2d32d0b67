package io.switchboard.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Thrown by services for an expected refusal; answered as problem+json with the given type. */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final URI type;
    private final Map<String, Object> properties;
    private final Map<String, String> headers;

    public ProblemException(HttpStatus status, URI type, String detail) {
        this(status, type, detail, Map.of());
    }

    /** @param typeSuffix the last segment of the problem type, e.g. {@code "seat-limit-reached"} */
    public ProblemException(HttpStatus status, String typeSuffix, String detail) {
        this(status, ProblemTypes.of(typeSuffix), detail, Map.of());
    }

    public ProblemException(HttpStatus status, URI type, String detail, Map<String, Object> properties) {
        this(status, type, detail, properties, Map.of());
    }

    /** @param headers response headers to send with the problem, e.g. {@code Retry-After} */
    public ProblemException(HttpStatus status, URI type, String detail, Map<String, Object> properties, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = type;
        this.properties = Map.copyOf(properties);
        this.headers = Map.copyOf(headers);
    }

    /**
     * 429 with {@code Retry-After} in whole seconds (at least 1) and the same number as the
     * {@code retryAfterSeconds} property.
     */
    public static ProblemException tooManyRequests(String typeSuffix, String detail, java.time.Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.of(typeSuffix), detail,
                Map.of("retryAfterSeconds", seconds), Map.of("Retry-After", Long.toString(seconds)));
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

    public Map<String, String> headers() {
        return headers;
    }
}
