package io.switchboard.gateway.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A request shape such as {@code "POST /api/signup"}, {@code "GET|POST /api/invitations/**"} or {@code "/api/signup/**"}
 * (any method), matched against the DECODED path segments exactly as the routes match them: a disguised path
 * such as {@code /api/%69nvitations/x} or {@code /api/signu%70}, which the route would still forward, matches too.
 */
public record RequestPattern(Set<String> methods, PathPattern path) {

    public static RequestPattern parse(String spec) {
        String[] parts = spec.trim().split("\\s+");
        if (parts.length == 1) {
            return new RequestPattern(Set.of(), PathPatternParser.defaultInstance.parse(parts[0]));
        }
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a request pattern (\"METHOD[|METHOD] /path\" or \"/path\"): " + spec);
        }
        Set<String> methods = Arrays.stream(parts[0].split("\\|")).map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        return new RequestPattern(methods, PathPatternParser.defaultInstance.parse(parts[1]));
    }

    public boolean matches(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        // methods compared case-insensitively: "post" must not slip past a rule written for POST
        return (methods.isEmpty() || methods.contains(request.getMethod().name().toUpperCase(Locale.ROOT)))
                && path.matches(request.getPath().pathWithinApplication());
    }

    @Override
    public String toString() {
        return (methods.isEmpty() ? "" : String.join("|", methods) + " ") + path.getPatternString();
    }
}
