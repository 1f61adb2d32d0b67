package io.switchboard.routing.settings;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.switchboard.routing.StubTokens;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.shared.Strategy;
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

@WebFluxTest(SettingsController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
class SettingsControllerTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID PORTAL = UUID.randomUUID();
    private static final String BEARER = "Bearer " + StubTokens.MEMBER;

    @Autowired WebTestClient web;
    @MockitoBean SettingsService settings;

    @Test
    void get_answersTheSettings_nullMinutesIncluded() {
        when(settings.get(eq(ORG), eq(PORTAL), any())).thenReturn(Mono.just(new SettingsView(PORTAL, true, false, Strategy.ROUND_ROBIN, null)));

        web.get().uri("/api/orgs/{org}/routing/portals/{portal}", ORG, PORTAL).header("Authorization", BEARER).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.portalId").isEqualTo(PORTAL.toString())
                .jsonPath("$.isDefault").isEqualTo(true)
                .jsonPath("$.strategy").isEqualTo("ROUND_ROBIN")
                .jsonPath("$.rerouteAwayAfterMinutes").isEmpty();
    }

    @Test
    void put_passesTheSettings_andARuleViolationNamesTheField() {
        when(settings.replace(eq(ORG), eq(PORTAL), any(), eq(new SettingsRequest(Strategy.MANUAL, 30))))
                .thenReturn(Mono.just(new SettingsView(PORTAL, false, false, Strategy.MANUAL, 30)));
        when(settings.replace(eq(ORG), eq(PORTAL), any(), eq(new SettingsRequest(Strategy.MANUAL, 0))))
                .thenReturn(Mono.error(RoutingProblems.invalid("rerouteAwayAfterMinutes", "must be null (never) or between 1 and 10080")));

        web.put().uri("/api/orgs/{org}/routing/portals/{portal}", ORG, PORTAL).header("Authorization", BEARER)
                .bodyValue(Map.of("strategy", "MANUAL", "rerouteAwayAfterMinutes", 30)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.rerouteAwayAfterMinutes").isEqualTo(30);
        web.put().uri("/api/orgs/{org}/routing/portals/{portal}", ORG, PORTAL).header("Authorization", BEARER)
                .bodyValue(Map.of("strategy", "MANUAL", "rerouteAwayAfterMinutes", 0)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("rerouteAwayAfterMinutes");
    }

    @Test
    void anUnknownStrategy_isA400NamingIt_andNothingIsCalled() {
        web.put().uri("/api/orgs/{org}/routing/portals/{portal}", ORG, PORTAL).header("Authorization", BEARER)
                .bodyValue(Map.of("strategy", "FASTEST")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("strategy");
        verifyNoInteractions(settings);
    }

    @Test
    void forbidden_isProblemJson() {
        when(settings.replace(eq(ORG), eq(PORTAL), any(), any())).thenReturn(Mono.error(ProblemException.forbidden("no")));

        web.put().uri("/api/orgs/{org}/routing/portals/{portal}", ORG, PORTAL).header("Authorization", BEARER)
                .bodyValue(Map.of("strategy", "MANUAL")).exchange()
                .expectStatus().isForbidden();
    }
}
