package io.switchboard.gateway.app;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The web app's own routes ({@code /invite/<token>}, {@code /orgs/<id>/...}) are client-side: a GET for a path
 * outside the API with no file extension is answered with the app's {@code index.html}, whose script then
 * shows the screen. Runs before security, so the request is for the public {@code /index.html} from then on.
 * Every app response also carries a Content-Security-Policy that allows scripts from this origin only and
 * network calls to this origin and the Keycloak that signs people in (sign-in itself is a top-level redirect, so
 * Keycloak needs no framing or form rights here).
 */
@Component
class AppPageFilter implements WebFilter, Ordered {

    private final String contentSecurityPolicy;

    AppPageFilter(AppConfigController appConfig) {
        String keycloak = appConfig.config().keycloakOrigin();
        this.contentSecurityPolicy = String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data: blob:",
                "connect-src 'self' " + keycloak,
                "frame-src 'none'",
                "worker-src 'self'",
                "manifest-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (isApi(path)) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set("Content-Security-Policy", contentSecurityPolicy);
        if (isAppRoute(exchange.getRequest().getMethod(), path)) {
            ServerWebExchange page = exchange.mutate().request(r -> r.path("/index.html")).build();
            page.getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-cache");
            return chain.filter(page);
        }
        return chain.filter(exchange);
    }

    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/internal");
    }

    /** "/", "/invite/abc", "/orgs/1/members": the app's; "/sw.js", "/assets/x.js", "/app-config.json": files. */
    static boolean isAppRoute(HttpMethod method, String path) {
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
