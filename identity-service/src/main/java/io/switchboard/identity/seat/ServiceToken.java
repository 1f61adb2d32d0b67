package io.switchboard.identity.seat;

import io.switchboard.identity.keycloak.KeycloakProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * identity-service's own access token: the OAuth client-credentials grant of its confidential client, whose
 * service account holds the realm role {@code seat-reserver}. Fetched with WebClient (never on a blocked
 * thread), shared by concurrent callers and reused until shortly before it expires. The token is never logged.
 */
@Component
class ServiceToken {

    /** Renew this long before the token's own expiry, so no request leaves with a token about to die. */
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final WebClient keycloak;
    private final KeycloakProperties properties;
    private final AtomicReference<Mono<String>> current = new AtomicReference<>();

    ServiceToken(KeycloakProperties properties) {
        this.properties = properties;
        this.keycloak = WebClient.builder().baseUrl(properties.serverUrl()).build();
    }

    /** The cached token, or a new one. */
    Mono<String> get() {
        Mono<String> cached = current.get();
        if (cached == null) {
            Mono<String> fresh = fetch().cache(token -> ttl(token), failure -> Duration.ZERO, () -> Duration.ZERO)
                    .map(Token::value);
            cached = current.compareAndSet(null, fresh) ? fresh : current.get();
        }
        return cached;
    }

    /** Forget the cached token (org-service refused it: revoked, or the realm's keys rotated). */
    void invalidate() {
        current.set(null);
    }

    private Mono<Token> fetch() {
        return keycloak.post().uri("/realms/{realm}/protocol/openid-connect/token", properties.realm())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials")
                        .with("client_id", properties.clientId())
                        .with("client_secret", properties.clientSecret()))
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(body -> new Token(body.path("access_token").asString(), Duration.ofSeconds(body.path("expires_in").asLong(60))));
    }

    private static Duration ttl(Token token) {
        Duration left = token.lifetime().minus(MARGIN);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private record Token(String value, Duration lifetime) {
        @Override
        public String toString() {
            return "Token[***]";
        }
    }
}
