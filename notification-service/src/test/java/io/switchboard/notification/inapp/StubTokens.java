package io.switchboard.notification.inapp;

import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * For {@code @WebFluxTest} slices only: the bearer value {@value #MEMBER} stands for a signed-in person's token
 * (subject {@link #USER}, session {@link #SID}) instead of a signed JWT. Integration tests use real Keycloak tokens.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StubTokens {

    public static final UUID USER = UUID.fromString("0b9f3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d");
    public static final String SID = "3c1d5e7f-session";
    public static final String MEMBER = "member";

    @Bean
    ReactiveJwtDecoder stubJwtDecoder() {
        return token -> MEMBER.equals(token)
                ? Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject(USER.toString()).claim("sid", SID)
                        .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).claim("email", "someone@acme.test").build())
                : Mono.error(new BadJwtException("unknown stub token"));
    }
}
