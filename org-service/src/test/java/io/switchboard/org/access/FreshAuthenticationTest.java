package io.switchboard.org.access;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

class FreshAuthenticationTest {

    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    @Test
    void tokenWithoutAuthTime_isRefused_evenIfIssuedThisSecond() {
        Jwt token = token(now, null);
        assertThatThrownBy(() -> FreshAuthentication.require(token, clock))
                .isInstanceOfSatisfying(ProblemException.class, p -> org.assertj.core.api.Assertions.assertThat(p.status()).isEqualTo(HttpStatus.UNAUTHORIZED));
    }

    @Test
    void signInFourMinutesAgo_isFresh() {
        assertThatCode(() -> FreshAuthentication.require(token(now, now.minus(Duration.ofMinutes(4)).getEpochSecond()), clock)).doesNotThrowAnyException();
    }

    @Test
    void signInSixMinutesAgo_isStale_evenWithARefreshedToken() {
        Jwt refreshed = token(now, now.minus(Duration.ofMinutes(6)).getEpochSecond());
        assertThatThrownBy(() -> FreshAuthentication.require(refreshed, clock)).isInstanceOf(ProblemException.class);
    }

    @Test
    void authTimeAsInstant_isRead() {
        Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject("u").issuedAt(now).claim("auth_time", now.minusSeconds(10)).build();
        assertThatCode(() -> FreshAuthentication.require(token, clock)).doesNotThrowAnyException();
    }

    @Test
    void authTimeThatIsNotATime_isRefused() {
        Jwt token = Jwt.withTokenValue("t").header("alg", "RS256").subject("u").issuedAt(now).claim("auth_time", "yesterday").build();
        assertThatThrownBy(() -> FreshAuthentication.require(token, clock)).isInstanceOf(ProblemException.class);
    }

    private static Jwt token(Instant issuedAt, Long authTime) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("u").issuedAt(issuedAt);
        if (authTime != null) {
            builder.claim("auth_time", authTime);
        }
        return builder.build();
    }
}
