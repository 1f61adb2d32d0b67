package io.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTest {

    private final UUID alice = UUID.randomUUID();

    @Test
    void callerIsTakenFromSubjectEmailAndName() {
        Caller caller = Caller.from(token().claim("name", "Alice Owner").build());

        assertThat(caller.userId()).isEqualTo(alice);
        assertThat(caller.email()).isEqualTo("alice@acme.test");
        assertThat(caller.name()).isEqualTo("Alice Owner");
        assertThat(caller.sessionId()).isEqualTo("session-1");
    }

    @Test
    void withoutName_theUsernameStandsIn() {
        assertThat(Caller.from(token().build()).name()).isEqualTo("alice@acme.test");
    }

    private Jwt.Builder token() {
        return Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60))
                .subject(alice.toString()).claim("email", "alice@acme.test").claim("preferred_username", "alice@acme.test")
                .claim("sid", "session-1");
    }
}
