package io.switchboard.identity;

import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * For {@code @WebFluxTest} slices: a decoder that reads test bearer tokens of the form
 * {@code test.<userId>.<base64url email>.<verified>} (no signature), so that slices run the service's real security
 * chain without a Keycloak. Integration tests use real Keycloak tokens instead.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestJwts {

    public static String bearer(UUID userId, String email, boolean emailVerified) {
        String encoded = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(email.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "Bearer test." + userId + "." + encoded + "." + emailVerified;
    }

    @Bean
    ReactiveJwtDecoder testJwtDecoder() {
        return token -> {
            String[] parts = token.split("\\.", 4);
            if (parts.length != 4 || !parts[0].equals("test")) {
                return Mono.error(new BadJwtException("not a test token"));
            }
            String email = new String(java.util.Base64.getUrlDecoder().decode(parts[2]), java.nio.charset.StandardCharsets.UTF_8);
            return Mono.just(Jwt.withTokenValue(token).header("alg", "none").subject(parts[1]).claim("email", email)
                    .claim("email_verified", Boolean.parseBoolean(parts[3])).claim("name", "Test " + email)
                    .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).build());
        };
    }
}
