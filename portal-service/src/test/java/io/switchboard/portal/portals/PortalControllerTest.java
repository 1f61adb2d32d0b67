package io.switchboard.portal.portals;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.switchboard.portal.StubTokens;
import io.switchboard.web.ProblemException;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@WebFluxTest(PortalController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
class PortalControllerTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID PORTAL = UUID.randomUUID();

    @Autowired WebTestClient web;
    @MockitoBean PortalService portals;

    private static PortalView view(String name) {
        return new PortalView(PORTAL, name, null, "#112233", false, false, null, Instant.parse("2026-12-03T10:00:00Z"), 2, 1, "MANAGER");
    }

    @Test
    void create_answers201_withLocation_andThePortal() {
        when(portals.create(eq(ORG), any(), any())).thenReturn(Mono.just(view("Support")));

        web.post().uri("/api/orgs/{org}/portals", ORG).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .bodyValue(Map.of("name", "Support", "accentColor", "#112233")).exchange()
                .expectStatus().isCreated()
                .expectHeader().location("/api/orgs/" + ORG + "/portals/" + PORTAL)
                .expectBody()
                .jsonPath("$.id").isEqualTo(PORTAL.toString())
                .jsonPath("$.isDefault").isEqualTo(false)
                .jsonPath("$.archived").isEqualTo(false)
                .jsonPath("$.archivedAt").doesNotExist()
                .jsonPath("$.createdAt").isEqualTo("2026-12-03T10:00:00Z")
                .jsonPath("$.memberCount").isEqualTo(2)
                .jsonPath("$.availableCount").isEqualTo(1)
                .jsonPath("$.myPortalRole").isEqualTo("MANAGER");
    }

    @Test
    void unknownField_isABadRequestNamingIt_andNothingIsCreated() {
        web.post().uri("/api/orgs/{org}/portals", ORG).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .bodyValue(Map.of("name", "Support", "colour", "#112233")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("colour");
        verifyNoInteractions(portals);
    }

    @Test
    void missingName_isABadRequestNamingName() {
        web.post().uri("/api/orgs/{org}/portals", ORG).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .bodyValue(Map.of("description", "no name")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        verify(portals, never()).create(any(), any(), any());
    }

    @Test
    void archivingTheDefaultPortal_isATyped409() {
        when(portals.archive(eq(ORG), eq(PORTAL), any())).thenReturn(Mono.error(Problems.defaultPortal()));

        web.delete().uri("/api/orgs/{org}/portals/{portal}", ORG, PORTAL).header("Authorization", "Bearer " + StubTokens.MEMBER).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/default-portal")
                .jsonPath("$.detail").isEqualTo("The default portal cannot be archived; rename it instead.");
    }

    @Test
    void archive_answers204() {
        when(portals.archive(eq(ORG), eq(PORTAL), any())).thenReturn(Mono.empty());

        web.delete().uri("/api/orgs/{org}/portals/{portal}", ORG, PORTAL).header("Authorization", "Bearer " + StubTokens.MEMBER).exchange()
                .expectStatus().isNoContent();
    }

    @Test
    void duplicateName_isA409NamingName() {
        when(portals.update(eq(ORG), eq(PORTAL), any(), any())).thenReturn(Mono.error(Problems.nameTaken("Support")));

        web.patch().uri("/api/orgs/{org}/portals/{portal}", ORG, PORTAL).header("Authorization", "Bearer " + StubTokens.MEMBER)
                .bodyValue(Map.of("name", "support")).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/portal-name-taken")
                .jsonPath("$.errors[0].field").isEqualTo("name");
    }

    @Test
    void list_passesIncludeArchived() {
        when(portals.list(eq(ORG), any(), eq(true))).thenReturn(Flux.just(view("Support")));

        web.get().uri("/api/orgs/{org}/portals?includeArchived=true", ORG).header("Authorization", "Bearer " + StubTokens.MEMBER).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].name").isEqualTo("Support");
    }

    @Test
    void forbidden_isProblemJson() {
        when(portals.get(eq(ORG), eq(PORTAL), any())).thenReturn(Mono.error(ProblemException.forbidden("You do not see this portal.")));

        web.get().uri("/api/orgs/{org}/portals/{portal}", ORG, PORTAL).header("Authorization", "Bearer " + StubTokens.MEMBER).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/forbidden");
    }

    @Test
    void withoutToken_is401() {
        web.get().uri("/api/orgs/{org}/portals", ORG).exchange().expectStatus().isUnauthorized();
        verifyNoInteractions(portals);
    }
}
