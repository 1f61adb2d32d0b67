package io.switchboard.routing.teams;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.switchboard.routing.StubTokens;
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

@WebFluxTest(TeamController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
class TeamControllerTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID PORTAL = UUID.randomUUID();
    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID MEMBER = UUID.randomUUID();
    private static final String BEARER = "Bearer " + StubTokens.MEMBER;

    @Autowired WebTestClient web;
    @MockitoBean TeamService teams;

    private static final TeamView VIEW = new TeamView(TEAM, PORTAL, "Night", Strategy.LOAD_BALANCED, List.of(MEMBER), Instant.parse("2026-12-03T10:00:00Z"));

    @Test
    void create_answers201_withLocation_andTheTeam() {
        when(teams.create(eq(ORG), any(), eq(new CreateTeamRequest(PORTAL, "Night", Strategy.LOAD_BALANCED, List.of(MEMBER))))).thenReturn(Mono.just(VIEW));

        web.post().uri("/api/orgs/{org}/teams", ORG).header("Authorization", BEARER)
                .bodyValue(Map.of("portalId", PORTAL, "name", "Night", "strategy", "LOAD_BALANCED", "memberIds", List.of(MEMBER))).exchange()
                .expectStatus().isCreated()
                .expectHeader().location("/api/orgs/" + ORG + "/teams/" + TEAM)
                .expectBody()
                .jsonPath("$.portalId").isEqualTo(PORTAL.toString())
                .jsonPath("$.strategy").isEqualTo("LOAD_BALANCED")
                .jsonPath("$.memberIds[0]").isEqualTo(MEMBER.toString());
    }

    @Test
    void anUnknownStrategy_missingPortal_orPortalIdInAPatch_areBadRequestsNamingTheField() {
        web.post().uri("/api/orgs/{org}/teams", ORG).header("Authorization", BEARER)
                .bodyValue(Map.of("portalId", PORTAL, "name", "Night", "strategy", "RANDOM")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("strategy");
        web.post().uri("/api/orgs/{org}/teams", ORG).header("Authorization", BEARER)
                .bodyValue(Map.of("name", "Night", "strategy", "MANUAL")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("portalId");
        web.patch().uri("/api/orgs/{org}/teams/{team}", ORG, TEAM).header("Authorization", BEARER)
                .bodyValue(Map.of("portalId", PORTAL)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("portalId");
        verifyNoInteractions(teams);
    }

    @Test
    void list_passesThePortalFilter() {
        when(teams.list(eq(ORG), eq(PORTAL), any())).thenReturn(Flux.just(VIEW));
        when(teams.list(eq(ORG), isNull(), any())).thenReturn(Flux.empty());

        web.get().uri("/api/orgs/{org}/teams?portalId={portal}", ORG, PORTAL).header("Authorization", BEARER).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].name").isEqualTo("Night");
        web.get().uri("/api/orgs/{org}/teams", ORG).header("Authorization", BEARER).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
    }

    @Test
    void members_putAnswersTheTeam_deleteAnswers204_andAnOutsiderIsATyped409NamingUserId() {
        UUID outsider = UUID.randomUUID();
        when(teams.addMember(eq(ORG), eq(TEAM), eq(MEMBER), any())).thenReturn(Mono.just(VIEW));
        when(teams.addMember(eq(ORG), eq(TEAM), eq(outsider), any())).thenReturn(Mono.error(Problems.notAPortalMember(outsider)));
        when(teams.removeMember(eq(ORG), eq(TEAM), eq(MEMBER), any())).thenReturn(Mono.empty());

        web.put().uri("/api/orgs/{org}/teams/{team}/members/{user}", ORG, TEAM, MEMBER).header("Authorization", BEARER).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.memberIds[0]").isEqualTo(MEMBER.toString());
        web.put().uri("/api/orgs/{org}/teams/{team}/members/{user}", ORG, TEAM, outsider).header("Authorization", BEARER).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/not-a-portal-member")
                .jsonPath("$.errors[0].field").isEqualTo("userId");
        web.delete().uri("/api/orgs/{org}/teams/{team}/members/{user}", ORG, TEAM, MEMBER).header("Authorization", BEARER).exchange()
                .expectStatus().isNoContent();
    }

    @Test
    void duplicateName_isATyped409_andDelete_is204() {
        when(teams.update(eq(ORG), eq(TEAM), any(), any())).thenReturn(Mono.error(Problems.nameTaken("Night")));
        when(teams.delete(eq(ORG), eq(TEAM), any())).thenReturn(Mono.empty());

        web.patch().uri("/api/orgs/{org}/teams/{team}", ORG, TEAM).header("Authorization", BEARER).bodyValue(Map.of("name", "night")).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/team-name-taken")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        web.delete().uri("/api/orgs/{org}/teams/{team}", ORG, TEAM).header("Authorization", BEARER).exchange().expectStatus().isNoContent();
    }

    @Test
    void forbidden_isProblemJson() {
        when(teams.get(eq(ORG), eq(TEAM), any())).thenReturn(Mono.error(ProblemException.forbidden("You do not see this team's portal.")));

        web.get().uri("/api/orgs/{org}/teams/{team}", ORG, TEAM).header("Authorization", BEARER).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/forbidden");
    }
}
