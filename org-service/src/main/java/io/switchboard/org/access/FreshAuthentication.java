package io.switchboard.org.access;

import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Dangerous actions (deleting an org, transferring ownership) need a token whose {@code auth_time} is at
 * most five minutes old: the client makes the person enter their password again (a browser sign-in with
 * {@code prompt=login}). Keycloak leaves {@code auth_time} out of tokens from the direct password grant,
 * which is itself a password entry, so for those the token's {@code iat} stands in. A refresh renews
 * {@code iat}, so deployments that want the stricter rule disable direct grants for the dashboard client.
 */
public final class FreshAuthentication {

    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    private FreshAuthentication() {
    }

    public static void require(Jwt token, Clock clock) {
        Object authTime = token.getClaims().get("auth_time");
        Instant authenticatedAt = switch (authTime) {
            case Instant instant -> instant;
            case Number seconds -> Instant.ofEpochSecond(seconds.longValue());
            case null, default -> token.getIssuedAt();
        };
        if (authenticatedAt == null || authenticatedAt.isBefore(Instant.now(clock).minus(MAX_AGE))) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.of("reauthentication-required"),
                    "Sign in again (password) to confirm this action; your last sign-in is older than 5 minutes.");
        }
    }
}
