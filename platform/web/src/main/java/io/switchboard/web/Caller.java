package io.switchboard.web;

import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/** The person behind a request, as the token names them. */
public record Caller(UUID userId, String email, String name, String sessionId) {

    public static Caller from(Jwt jwt) {
        String name = jwt.getClaimAsString("name");
        if (name == null) {
            name = jwt.getClaimAsString("preferred_username");
        }
        return new Caller(UUID.fromString(jwt.getSubject()), jwt.getClaimAsString("email"), name, jwt.getClaimAsString("sid"));
    }
}
