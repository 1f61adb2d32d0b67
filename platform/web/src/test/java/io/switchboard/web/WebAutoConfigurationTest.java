package io.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The auto-configuration as a service gets it: public paths from properties, everything else behind a JWT,
 * and every refusal as problem+json. The JWKS address leads nowhere on purpose: no test here needs a
 * token to verify (the gateway's tests do that against a real Keycloak).
 */
@SpringBootTest(properties = {
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/certs",
        "spring.security.oauth2.resourceserver.jwt.audiences=switchboard-api",
        "switchboard.security.public-paths=/open/**, GET /read-only/**"})
@AutoConfigureWebTestClient
class WebAutoConfigurationTest {

    @Autowired WebTestClient web;

    @Test
    @SuppressWarnings("unchecked")
    void invalidBody_is400ProblemJson_namingEachOffendingField() {
        web.post().uri("/open/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "not-an-email", "role", " ")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/validation")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.title").isEqualTo("Bad Request")
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields).containsExactlyInAnyOrder("email", "role"));
    }

    @Test
    void bodyThatDoesNotFitItsType_namesTheFieldByItsJsonPath() {
        web.post().uri("/open/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "dan@acme.test", "role", "AGENT", "portalIds", List.of("not-a-uuid"))).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/bad-request")
                .jsonPath("$.errors[0].field").isEqualTo("portalIds[0]");
    }

    @Test
    void recordThatRefusesItsValues_explainsWhy() {
        web.post().uri("/open/capacity").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channel", "SMS", "limit", -1)).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.detail").isEqualTo("limit must not be negative");
    }

    @Test
    void badPathVariableAndMissingParameter_areNamed() {
        web.get().uri("/open/members/not-a-uuid").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("memberId");
        web.get().uri("/open/search").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("q");
    }

    @Test
    void problemException_keepsItsStatusTypeAndExtraProperties_atTheTopLevel() {
        web.get().uri("/open/seats").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/seat-limit-reached")
                .jsonPath("$.detail").isEqualTo("All 5 seats are taken.")
                .jsonPath("$.limit").isEqualTo(5)
                .consumeWith(result -> assertThat(new String(result.getResponseBody())).doesNotContain("\"properties\""));
    }

    @Test
    void protectedPath_withoutToken_is401ProblemJson() {
        web.get().uri("/private/things").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/unauthorized")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.instance").isEqualTo("/private/things")
                .consumeWith(result -> assertThat(new String(result.getResponseBody())).doesNotContain("\"properties\""));
    }

    @Test
    void malformedToken_is401_andTheAnswerNeverEchoesIt() {
        String token = "not.a.jwt-" + UUID.randomUUID();
        String body = web.get().uri("/private/things").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("https://switchboard.dev/problems/unauthorized").doesNotContain(token);
    }

    @Test
    void publicPathWithMethod_isOpenForThatMethodOnly() {
        web.get().uri("/read-only/things").exchange().expectStatus().isOk();
        web.post().uri("/read-only/things").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void healthIsOpen() {
        web.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Endpoints.class)
    static class App {
    }

    record NewInvitation(@Email @NotBlank String email, @NotBlank String role, List<UUID> portalIds) {
    }

    record Capacity(String channel, int limit) {
        Capacity {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative");
            }
        }
    }

    @RestController
    static class Endpoints {

        @PostMapping("/open/invitations")
        Mono<String> invite(@Valid @RequestBody NewInvitation invitation) {
            return Mono.just("ok");
        }

        @PostMapping("/open/capacity")
        Mono<String> capacity(@RequestBody Capacity capacity) {
            return Mono.just("ok");
        }

        @GetMapping("/open/members/{memberId}")
        Mono<String> member(@PathVariable UUID memberId) {
            return Mono.just("ok");
        }

        @GetMapping("/open/search")
        Mono<String> search(@RequestParam String q) {
            return Mono.just("ok");
        }

        @GetMapping("/open/seats")
        Mono<String> seats() {
            return Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("seat-limit-reached"),
                    "All 5 seats are taken.", Map.of("limit", 5)));
        }

        @GetMapping({"/read-only/things", "/private/things"})
        Mono<String> things() {
            return Mono.just("[]");
        }
    }
}
