package io.switchboard.org.organization;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.ArgumentMatchers.notNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchboard.org.StubTokens;
import io.switchboard.web.WebAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

@WebFluxTest({OrganizationController.class, OperatorController.class})
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import({StubTokens.class, OrganizationControllersTest.Clocks.class})
class OrganizationControllersTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Autowired WebTestClient web;
    @MockitoBean OrganizationService organizations;
    @MockitoBean PlanService plans;

    private final UUID org = UUID.randomUUID();

    @Test
    void creatingAnOrgWithAPlan_isABadRequestNamingPlan() {
        web.post().uri("/api/orgs").header("Authorization", "Bearer " + StubTokens.MEMBER)
                .bodyValue(Map.of("name", "Acme", "plan", "ENTERPRISE")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("plan");
        verify(organizations, never()).create(any(), any());
    }

    @Test
    void patchingSeats_isABadRequestNamingSeatLimit() {
        web.patch().uri("/api/orgs/{org}", org).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .bodyValue(Map.of("seatLimit", 100000)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("seatLimit");
    }

    @Test
    void patchingManagersMayInviteManagersWithANonBoolean_isABadRequestNamingIt() {
        web.patch().uri("/api/orgs/{org}", org).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .bodyValue(Map.of("managersMayInviteManagers", "sometimes")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("managersMayInviteManagers");
        verify(organizations, never()).update(any(), any(), any());
    }

    @Test
    void deleting_handsTheTokensSignInTime_toTheService_whichJudgesItAfterThePermission() {
        when(organizations.delete(eq(org), any(), any())).thenReturn(Mono.empty());
        web.delete().uri("/api/orgs/{org}", org).header("Authorization", "Bearer " + StubTokens.MEMBER).exchange()
                .expectStatus().isNoContent();
        verify(organizations).delete(eq(org), any(), isNull());
        web.delete().uri("/api/orgs/{org}", org).header("Authorization", "Bearer " + StubTokens.FRESH_MEMBER).exchange()
                .expectStatus().isNoContent();
        verify(organizations).delete(eq(org), any(), notNull());
    }

    @Test
    void planChange_isForOperatorsOnly() {
        web.put().uri("/api/operator/orgs/{org}/plan", org).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .bodyValue(Map.of("plan", "SCALE")).exchange().expectStatus().isForbidden();
        web.put().uri("/api/operator/orgs/{org}/plan", org).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .bodyValue(Map.of("plan", "PLATINUM")).exchange().expectStatus().isForbidden();
        verify(plans, never()).change(any(), any(), any(), any());
        web.put().uri("/api/operator/orgs/{org}/plan", org).header("Authorization", "Bearer " + StubTokens.OPERATOR)
                .bodyValue(Map.of("plan", "PLATINUM")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("plan");
        when(plans.change(eq(org), eq(Plan.SCALE), eq(null), any())).thenReturn(Mono.just(new OrganizationView(org, "Acme", Plan.SCALE, 10, 0,
                "UTC", null, null, StubTokens.USER, java.time.Instant.EPOCH, false)));
        web.put().uri("/api/operator/orgs/{org}/plan", org).header("Authorization", "Bearer " + StubTokens.OPERATOR)
                .bodyValue(Map.of("plan", "SCALE")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.seatLimit").isEqualTo(10);
    }
}
