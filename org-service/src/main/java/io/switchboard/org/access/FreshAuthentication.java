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
 * most five minutes old: the dashboard makes the person enter their password again (an authorization
 * request with {@code max_age=0} or {@code prompt=login}). A token without {@code auth_time} proves nothing
 * about when the person last signed in ({@code iat} moves with every refresh), so it is refused.
 */
public final class FreshAuthentication {

    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    private FreshAuthentication() {
    }

    public static void require(Jwt token, Clock clock) {
        require(signedInAt(token), clock);
    }

    /** When the person last entered their password, from the token's {@code auth_time}; null when it doesn't say. */
    public static Instant signedInAt(Jwt token) {
        return switch (token.getClaims().get("auth_time")) {
            case Instant instant -> instant;
            case Number seconds -> Instant.ofEpochSecond(seconds.longValue());
            case null, default -> null;
        };
    }

    /**
     * Called after the permission check, so a caller who may not do the action at all hears 403, not an
     * invitation to sign in again.
     */
    public static void require(Instant authenticatedAt, Clock clock) {
        if (authenticatedAt == null) {
            throw refusal("Sign in again (password) to confirm this action; this token does not say when you signed in.");
        }
        if (authenticatedAt.isBefore(Instant.now(clock).minus(MAX_AGE))) {
            throw refusal("Sign in again (password) to confirm this action; your last sign-in is older than 5 minutes.");
        }
    }

    private static ProblemException refusal(String detail) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.of("reauthentication-required"), detail);
    }
}
