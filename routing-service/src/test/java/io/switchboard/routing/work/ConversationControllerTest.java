package io.switchboard.routing.work;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.switchboard.routing.StubTokens;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.web.WebAutoConfiguration;
import java.time.Instant;
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

@WebFluxTest(ConversationController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
class ConversationControllerTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID PORTAL = UUID.randomUUID();
    private static final UUID CLIENT = UUID.randomUUID();
    private static final UUID ID = UUID.randomUUID();
    private static final String BEARER = "Bearer " + StubTokens.MEMBER;

    @Autowired WebTestClient web;
    @MockitoBean ConversationService conversations;
    @MockitoBean QueueService queues;

    private static ConversationView queued() {
        return new ConversationView(ID, "sms-1", PORTAL, null, CLIENT, "SMS", "QUEUED", null, "Ann", null,
                Instant.parse("2026-12-03T10:00:00Z"), null, null, null, 3);
    }

    private static Map<String, Object> openBody() {
        return Map.of("portalId", PORTAL, "clientId", CLIENT, "channel", "SMS", "externalId", "sms-1");
    }

    @Test
    void open_answers201ForANewConversation_and200ForAKnownExternalId() {
        when(conversations.open(eq(ORG), any(), any())).thenReturn(Mono.just(new ConversationService.OpenResult(queued(), true)))
                .thenReturn(Mono.just(new ConversationService.OpenResult(queued(), false)));

        web.post().uri("/api/orgs/{org}/conversations", ORG).header("Authorization", BEARER).bodyValue(openBody()).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("QUEUED").jsonPath("$.queuePosition").isEqualTo(3);
        web.post().uri("/api/orgs/{org}/conversations", ORG).header("Authorization", BEARER).bodyValue(openBody()).exchange()
                .expectStatus().isOk();
    }

    @Test
    void open_withoutAClient_orWithAnUnknownField_isABadRequestNamingIt_andNothingIsCalled() {
        web.post().uri("/api/orgs/{org}/conversations", ORG).header("Authorization", BEARER)
                .bodyValue(Map.of("portalId", PORTAL, "channel", "SMS", "externalId", "x")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("clientId");
        var withExtra = new java.util.HashMap<>(openBody());
        withExtra.put("priority", "high");
        web.post().uri("/api/orgs/{org}/conversations", ORG).header("Authorization", BEARER).bodyValue(withExtra).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("priority");
        verifyNoInteractions(conversations);
    }

    @Test
    void assign_needsAUserId_andPassesTheTyped409Through() {
        web.post().uri("/api/orgs/{org}/conversations/{id}/assign", ORG, ID).header("Authorization", BEARER).bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("userId");

        UUID agent = UUID.randomUUID();
        when(conversations.assign(eq(ORG), eq(ID), eq(new Requests.Assign(agent, null)), any()))
                .thenReturn(Mono.error(RoutingProblems.conflict("over-capacity", "full", "userId", "is at capacity on SMS")));
        web.post().uri("/api/orgs/{org}/conversations/{id}/assign", ORG, ID).header("Authorization", BEARER).bodyValue(Map.of("userId", agent)).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/over-capacity")
                .jsonPath("$.errors[0].field").isEqualTo("userId");
    }

    @Test
    void aPortalsList_refusesAnUnknownStatus_andALimitOver200() {
        web.get().uri("/api/orgs/{org}/portals/{portal}/conversations?status=OPENISH", ORG, PORTAL).header("Authorization", BEARER).exchange()
                .expectStatus().isBadRequest();
        web.get().uri("/api/orgs/{org}/portals/{portal}/conversations?limit=500", ORG, PORTAL).header("Authorization", BEARER).exchange()
                .expectStatus().isBadRequest();
        verifyNoInteractions(conversations);
    }

    @Test
    void withoutAToken_nothingIsServed() {
        web.get().uri("/api/orgs/{org}/conversations/{id}", ORG, ID).exchange().expectStatus().isUnauthorized();
        verifyNoInteractions(conversations);
    }
}
