package io.switchboard.org;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * For {@code @WebFluxTest} slices only: bearer values name a kind of token instead of being signed JWTs, so a
 * controller's own checks can be driven without an identity provider. Integration tests use real Keycloak tokens.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StubTokens {

    public static final UUID USER = UUID.fromString("0b9f3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d");
    /** A person signed in minutes ago with a password-grant token: no auth_time, no realm roles. */
    public static final String MEMBER = "member";
    /** A person who entered their password just now. */
    public static final String FRESH_MEMBER = "fresh-member";
    /** identity-service's service account (realm role seat-reserver). */
    public static final String SEAT_RESERVER = "seat-reserver";
    /** Switchboard support staff (realm role operator). */
    public static final String OPERATOR = "operator";

    @Bean
    ReactiveJwtDecoder stubJwtDecoder() {
        return token -> {
            Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject(USER.toString())
                    .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).claim("email", "someone@acme.test");
            return switch (token) {
                case MEMBER -> Mono.just(jwt.build());
                case FRESH_MEMBER -> Mono.just(jwt.claim("auth_time", Instant.now().getEpochSecond()).build());
                case SEAT_RESERVER, OPERATOR -> Mono.just(jwt.claim("realm_access", Map.of("roles", List.of(token))).build());
                default -> Mono.error(new BadJwtException("unknown stub token"));
            };
        };
    }
}
