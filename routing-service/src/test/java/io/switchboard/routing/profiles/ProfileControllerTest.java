package io.switchboard.routing.profiles;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.switchboard.routing.StubTokens;
import io.switchboard.web.ProblemException;
import io.switchboard.web.WebAutoConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@WebFluxTest(ProfileController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
class ProfileControllerTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();
    private static final UUID ACME = UUID.randomUUID();
    private static final String BEARER = "Bearer " + StubTokens.MEMBER;

    @Autowired WebTestClient web;
    @MockitoBean ProfileService profiles;

    private static final ProfileView VIEW = new ProfileView(USER, Map.of("SMS", 3), Map.of(ACME, List.of("SMS")), Map.of("SMS", 1, "EMAIL", 2), null, 0);

    @Test
    void get_answersChannelsClientsAndOpenCounts() {
        when(profiles.get(eq(ORG), eq(USER), any())).thenReturn(Mono.just(VIEW));

        web.get().uri("/api/orgs/{org}/members/{user}/routing-profile", ORG, USER).header("Authorization", BEARER).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.userId").isEqualTo(USER.toString())
                .jsonPath("$.channels.SMS").isEqualTo(3)
                .jsonPath("$.clients['" + ACME + "'][0]").isEqualTo("SMS")
                .jsonPath("$.openCounts.EMAIL").isEqualTo(2);
    }

    @Test
    void put_passesTheMapsAsSent() {
        ProfileRequest expected = new ProfileRequest(Map.of("SMS", 3, "LIVE_CHAT", 2), Map.of(ACME.toString(), List.of("SMS")), null);
        when(profiles.replace(eq(ORG), eq(USER), any(), eq(expected))).thenReturn(Mono.just(VIEW));

        web.put().uri("/api/orgs/{org}/members/{user}/routing-profile", ORG, USER).header("Authorization", BEARER)
                .bodyValue(Map.of("channels", Map.of("SMS", 3, "LIVE_CHAT", 2), "clients", Map.of(ACME.toString(), List.of("SMS")))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.channels.SMS").isEqualTo(3);
    }

    @Test
    void aRuleViolation_isA400NamingTheField() {
        when(profiles.replace(eq(ORG), eq(USER), any(), any()))
                .thenReturn(Mono.error(Problems.invalid(List.of(new RoutingProfile.FieldError("channels.FAX", "is not a channel")))));

        web.put().uri("/api/orgs/{org}/members/{user}/routing-profile", ORG, USER).header("Authorization", BEARER)
                .bodyValue(Map.of("channels", Map.of("FAX", 1))).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("channels.FAX");
    }

    @Test
    void aCapacityThatIsNoNumber_orAnUnknownField_isA400NamingIt_andNothingIsCalled() {
        web.put().uri("/api/orgs/{org}/members/{user}/routing-profile", ORG, USER).header("Authorization", BEARER)
                .bodyValue(Map.of("channels", Map.of("SMS", "lots"))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("channels.SMS");
        web.put().uri("/api/orgs/{org}/members/{user}/routing-profile", ORG, USER).header("Authorization", BEARER)
                .bodyValue(Map.of("capacity", 3)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("capacity");
        verifyNoInteractions(profiles);
    }

    @Test
    void anUnknownTarget_is404NamingUserId_andForbidden_is403() {
        when(profiles.get(eq(ORG), eq(USER), any())).thenReturn(Mono.error(Problems.notAMember(USER)));
        when(profiles.replace(eq(ORG), eq(USER), any(), any())).thenReturn(Mono.error(Problems.mayNotChange()));

        web.get().uri("/api/orgs/{org}/members/{user}/routing-profile", ORG, USER).header("Authorization", BEARER).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.errors[0].field").isEqualTo("userId");
        web.put().uri("/api/orgs/{org}/members/{user}/routing-profile", ORG, USER).header("Authorization", BEARER)
                .bodyValue(Map.of("channels", Map.of())).exchange()
                .expectStatus().isForbidden();
    }
}
