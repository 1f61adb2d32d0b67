package io.switchboard.notification.push;

import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * For {@code @WebFluxTest} slices only (as org-service's StubTokens): bearer values name a kind of token instead of
 * being signed JWTs. Integration tests use real Keycloak tokens or none.
 */
@TestConfiguration(proxyBeanMethods = false)
class PushStubTokens {

    static final UUID USER = UUID.fromString("0b9f3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d");
    static final String SID = "3f1c2a4b-session-of-dana-phone";
    /** A person signed in on a device: a Keycloak session ({@code sid}). */
    static final String MEMBER = "member";
    /** A token without a session (as a service account's). */
    static final String NO_SESSION = "no-session";

    @Bean
    ReactiveJwtDecoder stubJwtDecoder() {
        return token -> {
            Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject(USER.toString())
                    .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).claim("email", "dana@acme.test");
            return switch (token) {
                case MEMBER -> Mono.just(jwt.claim("sid", SID).build());
                case NO_SESSION -> Mono.just(jwt.build());
                default -> Mono.error(new BadJwtException("unknown stub token"));
            };
        };
    }
}
