package io.switchboard.routing.leads;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.switchboard.routing.StubTokens;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.leadstatus.LeadStatusList;
import io.switchboard.web.WebAutoConfiguration;
import java.time.Instant;
import java.util.HashMap;
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

@WebFluxTest(LeadController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
class LeadControllerTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID PORTAL = UUID.randomUUID();
    private static final UUID CLIENT = UUID.randomUUID();
    private static final UUID ID = UUID.randomUUID();
    private static final String BEARER = "Bearer " + StubTokens.MEMBER;

    @Autowired WebTestClient web;
    @MockitoBean LeadService leads;

    private static LeadView queued() {
        return new LeadView(ID, "web:1", PORTAL, null, CLIENT, "web-form", "new", "New", "OPEN", "QUEUED", null, "Avery", null, null, null, null,
                Instant.parse("2026-12-04T10:00:00Z"), null, null, 2, null);
    }

    private static Map<String, Object> createBody() {
        return new HashMap<>(Map.of("portalId", PORTAL, "clientId", CLIENT, "source", "web-form", "contactName", "Avery"));
    }

    @Test
    void create_answers201ForANewLead_and200ForAKnownExternalId_generatingAnExternalIdWhenAbsent() {
        when(leads.create(eq(ORG), any(), any())).thenReturn(Mono.just(new LeadService.CreateResult(queued(), true)))
                .thenReturn(Mono.just(new LeadService.CreateResult(queued(), false)));
        web.post().uri("/api/orgs/{org}/leads", ORG).header("Authorization", BEARER).bodyValue(createBody()).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.state").isEqualTo("QUEUED").jsonPath("$.statusId").isEqualTo("new").jsonPath("$.queuePosition").isEqualTo(2);
        web.post().uri("/api/orgs/{org}/leads", ORG).header("Authorization", BEARER).bodyValue(createBody()).exchange()
                .expectStatus().isOk();
    }

    @Test
    void create_withoutPortal_withOversizeFields_orWithoutAContact_is400NamingTheFields_andNothingIsCalled() {
        var body = createBody();
        body.remove("portalId");
        body.put("message", "m".repeat(5000));
        body.put("company", "c".repeat(5000));
        web.post().uri("/api/orgs/{org}/leads", ORG).header("Authorization", BEARER).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("portalId")
                .jsonPath("$.errors[1].field").isEqualTo("company")
                .jsonPath("$.errors[2].field").isEqualTo("message");
        var noContact = createBody();
        noContact.remove("contactName");
        web.post().uri("/api/orgs/{org}/leads", ORG).header("Authorization", BEARER).bodyValue(noContact).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("contactName");
        var extra = createBody();
        extra.put("priority", "high");
        web.post().uri("/api/orgs/{org}/leads", ORG).header("Authorization", BEARER).bodyValue(extra).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("priority");
        verifyNoInteractions(leads);
    }

    @Test
    void patch_needsAStatusId_andAnUnknownOneNamesTheAllowed() {
        web.patch().uri("/api/orgs/{org}/leads/{id}", ORG, ID).header("Authorization", BEARER).bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("statusId");
        when(leads.changeStatus(eq(ORG), eq(ID), eq(new LeadRequests.ChangeStatus("maybe")), any()))
                .thenReturn(Mono.fromCallable(() -> {
                    LeadStatusList.DEFAULT.require("statusId", "maybe");
                    return queued();
                }));
        web.patch().uri("/api/orgs/{org}/leads/{id}", ORG, ID).header("Authorization", BEARER).bodyValue(Map.of("statusId", "maybe")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("statusId")
                .jsonPath("$.allowedStatusIds").isEqualTo(List.of("new", "contacted", "qualified", "won", "lost"));
    }

    @Test
    void assign_needsAUserId_and403And404PassThrough() {
        web.post().uri("/api/orgs/{org}/leads/{id}/assign", ORG, ID).header("Authorization", BEARER).bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("userId");
        when(leads.unassign(eq(ORG), eq(ID), any())).thenReturn(Mono.error(RoutingProblems.forbidden("you may not assign leads in this portal")));
        web.post().uri("/api/orgs/{org}/leads/{id}/unassign", ORG, ID).header("Authorization", BEARER).exchange()
                .expectStatus().isForbidden();
        when(leads.get(eq(ORG), eq(ID), any())).thenReturn(Mono.error(RoutingProblems.notFound("lead " + ID)));
        web.get().uri("/api/orgs/{org}/leads/{id}", ORG, ID).header("Authorization", BEARER).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aPortalsList_refusesAnUnknownState_andALimitOver200_andNotesNeedText() {
        web.get().uri("/api/orgs/{org}/portals/{portal}/leads?state=OPENISH", ORG, PORTAL).header("Authorization", BEARER).exchange()
                .expectStatus().isBadRequest();
        web.get().uri("/api/orgs/{org}/portals/{portal}/leads?limit=500", ORG, PORTAL).header("Authorization", BEARER).exchange()
                .expectStatus().isBadRequest();
        web.post().uri("/api/orgs/{org}/leads/{id}/notes", ORG, ID).header("Authorization", BEARER).bodyValue(Map.of("text", " ")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("text");
        verifyNoInteractions(leads);
    }

    @Test
    void withoutAToken_nothingIsServed() {
        web.get().uri("/api/orgs/{org}/leads/{id}", ORG, ID).exchange().expectStatus().isUnauthorized();
        verifyNoInteractions(leads);
    }
}
