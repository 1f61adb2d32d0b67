package io.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafePathsTest {

    private static final String TOKEN = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";

    @Test
    void invitationTokenPaths_areRedacted() {
        assertThat(LogSafePaths.redact("/api/invitations/" + TOKEN)).isEqualTo("/api/invitations/***");
        assertThat(LogSafePaths.redact("/api/invitations/" + TOKEN + "/accept")).isEqualTo("/api/invitations/***/accept");
        assertThat(LogSafePaths.redact("/api/invitations/short/accept")).isEqualTo("/api/invitations/***/accept");
    }

    @Test
    void encodedPaths_andQueries_areRedactedToo() {
        assertThat(LogSafePaths.redact("/api/%69nvitations/" + TOKEN + "/accept")).doesNotContain(TOKEN);
        assertThat(LogSafePaths.redact("/confirm?token=" + TOKEN)).isEqualTo("/confirm?***");
    }

    @Test
    void ordinaryPaths_stayReadable() {
        String path = "/api/orgs/6f1c2b1e-8d4a-4c1e-9b7a-2f3d4e5a6b7c/invitations/f6a7b8c9-d0e1-4f2a-8b3c-4d5e6f7a8b90/resend";
        assertThat(LogSafePaths.redact(path)).isEqualTo(path);
        assertThat(LogSafePaths.redact("/api/invitations/lookup")).isEqualTo("/api/invitations/lookup");
        assertThat(LogSafePaths.redact("/api/invitations/accept")).isEqualTo("/api/invitations/accept");
    }

    @Test
    void tokenLikeText_inMessages_isRedacted() {
        assertThat(LogSafePaths.redactText("no row for " + TOKEN)).isEqualTo("no row for ***");
    }
}
