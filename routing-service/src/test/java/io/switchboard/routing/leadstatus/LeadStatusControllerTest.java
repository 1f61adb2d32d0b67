package io.switchboard.routing.leadstatus;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import io.switchboard.routing.StubTokens;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.web.WebAutoConfiguration;
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
import reactor.core.publisher.Mono;

@WebFluxTest(LeadStatusController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
class LeadStatusControllerTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final String BEARER = "Bearer " + StubTokens.MEMBER;

    @Autowired WebTestClient web;
    @MockitoBean LeadStatusService statuses;

    @Test
    void get_answersTheOrderedList() {
        when(statuses.get(eq(ORG), any())).thenReturn(Mono.just(LeadStatusesView.of(LeadStatusList.DEFAULT)));
        web.get().uri("/api/orgs/{org}/lead-statuses", ORG).header("Authorization", BEARER).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.statuses[0].id").isEqualTo("new").jsonPath("$.statuses[3].outcome").isEqualTo("WON");
    }

    @Test
    void put_passesTheListAndMoves_andRefusalsAreProblems() {
        var request = new LeadStatusesRequest(List.of(new LeadStatusList.Wanted("new", "New", "OPEN"), new LeadStatusList.Wanted(null, "Won", "WON")),
                Map.of("lost", "won"));
        // the service applies the list's rules: this one has no LOST status
        when(statuses.replace(eq(ORG), eq(request), any()))
                .thenReturn(Mono.defer(() -> Mono.just(LeadStatusesView.of(LeadStatusList.DEFAULT.replacedBy(request.statuses())))));
        web.put().uri("/api/orgs/{org}/lead-statuses", ORG).header("Authorization", BEARER)
                .bodyValue(Map.of("statuses", List.of(Map.of("id", "new", "name", "New", "outcome", "OPEN"), Map.of("name", "Won", "outcome", "WON")),
                        "moves", Map.of("lost", "won")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("statuses");
    }

    @Test
    void put_forbiddenPassesThrough_andAnUnknownFieldIs400() {
        when(statuses.replace(eq(ORG), any(), any())).thenReturn(Mono.error(RoutingProblems.forbidden("only owners and admins")));
        web.put().uri("/api/orgs/{org}/lead-statuses", ORG).header("Authorization", BEARER)
                .bodyValue(Map.of("statuses", List.of(Map.of("name", "New", "outcome", "OPEN")))).exchange()
                .expectStatus().isForbidden();
        web.put().uri("/api/orgs/{org}/lead-statuses", ORG).header("Authorization", BEARER)
                .bodyValue(Map.of("statuses", List.of(Map.of("name", "New", "outcome", "OPEN", "color", "red")))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").value(field -> org.assertj.core.api.Assertions.assertThat((String) field).contains("color"));
    }
}
