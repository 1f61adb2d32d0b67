package io.switchboard.identity.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Public token endpoints (look-up, accept, sign-up) allow a fixed number of requests per client address
 * and minute; past it, 429 with Retry-After. Guessing 256-bit tokens is hopeless anyway; this keeps
 * scanners and accidental loops from loading Keycloak. The client address is the first X-Forwarded-For
 * entry the gateway sets, else the connection's.
 */
@Component
public class PublicRateLimitFilter implements WebFilter, Ordered {

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    PublicRateLimitFilter(@Value("${switchboard.rate-limit.public-per-minute:60}") int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    private record Window(long minute, int count) {
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/invitations/") && !path.equals("/api/signup")) {
            return chain.filter(exchange);
        }
        long now = clock.millis();
        long minute = now / 60_000;
        Window window = windows.compute(client(exchange), (key, current) ->
                current == null || current.minute() != minute ? new Window(minute, 1) : new Window(minute, current.count() + 1));
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(entry -> entry.getValue().minute() != minute);
        }
        if (window.count() <= perMinute) {
            return chain.filter(exchange);
        }
        long retryAfter = Math.max(1, Duration.ofMillis((minute + 1) * 60_000 - now).toSeconds());
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"https://switchboard.dev/problems/rate-limited\",\"title\":\"Too Many Requests\",\"status\":429,"
                + "\"detail\":\"Too many requests; try again in " + retryAfter + " s.\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static String client(ServerWebExchange exchange) {
        String forwarded = exchange.getRequest().getHeaders().getFirst("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim();
        }
        var remote = exchange.getRequest().getRemoteAddress();
        return remote == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
