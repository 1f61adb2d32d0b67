package io.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A request that fails with a 500 leaves no invitation token in the log or in the answer. */
@SpringBootTest(properties = {
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/certs",
        "switchboard.security.public-paths=/api/invitations/**"})
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class ErrorLoggingTest {

    private static final String TOKEN = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";

    @Autowired WebTestClient web;

    @Test
    void serverErrorOnATokenPath_logsAndAnswersTheRedactedPath_only(CapturedOutput output) {
        String body = web.post().uri("/api/invitations/" + TOKEN + "/accept").exchange()
                .expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("/api/invitations/***/accept").doesNotContain(TOKEN);
        assertThat(output.getAll()).contains("500 POST /api/invitations/***/accept failed").doesNotContain(TOKEN);
    }

    @Test
    void lookupFailure_withTheTokenInTheExceptionMessage_staysOutOfTheLog(CapturedOutput output) {
        web.get().uri("/api/invitations/" + TOKEN).exchange().expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(output.getAll()).contains("GET /api/invitations/***").doesNotContain(TOKEN);
    }

    @Test
    void tooManyRequests_carriesRetryAfter() {
        web.get().uri("/api/invitations/limited/x").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals("Retry-After", "600")
                .expectBody().jsonPath("$.retryAfterSeconds").isEqualTo(600)
                .jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/resend-too-soon");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Failing.class)
    static class App {
    }

    @RestController
    static class Failing {

        @PostMapping("/api/invitations/{token}/accept")
        Mono<String> accept(@PathVariable String token) {
            return Mono.error(new IllegalStateException("database gone"));
        }

        @GetMapping("/api/invitations/{token}")
        Mono<String> lookup(@PathVariable String token) {
            return Mono.error(new IllegalStateException("no row for " + token));
        }

        @GetMapping("/api/invitations/limited/x")
        Mono<String> limited() {
            return Mono.error(ProblemException.tooManyRequests("resend-too-soon", "Wait.", Duration.ofMinutes(10)));
        }
    }
}
