package io.switchboard.portal.dashboard;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.switchboard.portal.StubTokens;
import io.switchboard.portal.dashboard.DashboardView.ChannelLoad;
import io.switchboard.portal.dashboard.DashboardView.Handled;
import io.switchboard.portal.dashboard.DashboardView.StatusCount;
import io.switchboard.portal.dashboard.DashboardView.Waiting;
import io.switchboard.web.ProblemException;
import io.switchboard.web.WebAutoConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

@WebFluxTest(DashboardController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
class DashboardControllerTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID PORTAL = UUID.randomUUID();
    private static final UUID ANA = UUID.randomUUID();
    private static final Instant TODAY = Instant.parse("2026-12-02T23:00:00Z");
    private static final Instant LAST7 = Instant.parse("2026-11-26T23:00:00Z");
    private static final Instant WEEK = Instant.parse("2026-11-29T23:00:00Z");
    private static final Instant SINCE = Instant.parse("2026-12-03T08:00:00Z");

    @Autowired WebTestClient web;
    @MockitoBean DashboardService dashboards;

    private static DashboardView.Me me(UUID user) {
        return new DashboardView.Me(user, List.of(new StatusCount("new", "New", "OPEN", 2), new StatusCount("won", "Won", "WON", 1)),
                List.of(new ChannelLoad("SMS", 1, 2, 3)), 2, new Handled(1, 4, 0, 1));
    }

    @Test
    void dashboard_forAManager_hasMeTeamAndQueue() {
        DashboardView view = new DashboardView(PORTAL, "Sales Portal", "Europe/Berlin", new DashboardView.Windows(TODAY, LAST7, WEEK), me(StubTokens.USER),
                new DashboardView.Team(List.of(new DashboardView.Member(ANA, "Ana Agent", "EMPLOYEE", true, SINCE,
                        List.of(new ChannelLoad("LIVE_CHAT", 2, 2, null)), 3, new Handled(2, 9, 1, 2))),
                        new DashboardView.Queue(new Waiting(4, SINCE, 120L), new Waiting(0, null, null))));
        when(dashboards.dashboard(eq(ORG), eq(PORTAL), any())).thenReturn(Mono.just(view));

        dashboard(PORTAL.toString()).expectStatus().isOk().expectBody()
                .jsonPath("$.portalId").isEqualTo(PORTAL.toString())
                .jsonPath("$.portalName").isEqualTo("Sales Portal")
                .jsonPath("$.timezone").isEqualTo("Europe/Berlin")
                .jsonPath("$.windows.today").isEqualTo("2026-12-02T23:00:00Z")
                .jsonPath("$.windows.last7Days").isEqualTo("2026-11-26T23:00:00Z")
                .jsonPath("$.windows.week").isEqualTo("2026-11-29T23:00:00Z")
                .jsonPath("$.me.userId").isEqualTo(StubTokens.USER.toString())
                .jsonPath("$.me.leadsByStatus[0].statusId").isEqualTo("new")
                .jsonPath("$.me.leadsByStatus[0].name").isEqualTo("New")
                .jsonPath("$.me.leadsByStatus[0].outcome").isEqualTo("OPEN")
                .jsonPath("$.me.leadsByStatus[0].count").isEqualTo(2)
                .jsonPath("$.me.conversations[0].channel").isEqualTo("SMS")
                .jsonPath("$.me.conversations[0].active").isEqualTo(1)
                .jsonPath("$.me.conversations[0].activeAllPortals").isEqualTo(2)
                .jsonPath("$.me.conversations[0].capacity").isEqualTo(3)
                .jsonPath("$.me.openLeads").isEqualTo(2)
                .jsonPath("$.me.handled.conversationsToday").isEqualTo(1)
                .jsonPath("$.me.handled.conversationsLast7Days").isEqualTo(4)
                .jsonPath("$.me.handled.leadsToday").isEqualTo(0)
                .jsonPath("$.me.handled.leadsLast7Days").isEqualTo(1)
                .jsonPath("$.team.members[0].userId").isEqualTo(ANA.toString())
                .jsonPath("$.team.members[0].displayName").isEqualTo("Ana Agent")
                .jsonPath("$.team.members[0].portalRole").isEqualTo("EMPLOYEE")
                .jsonPath("$.team.members[0].available").isEqualTo(true)
                .jsonPath("$.team.members[0].availableSince").isEqualTo("2026-12-03T08:00:00Z")
                .jsonPath("$.team.members[0].conversations[0].capacity").isEmpty()
                .jsonPath("$.team.members[0].openLeads").isEqualTo(3)
                .jsonPath("$.team.members[0].handled.leadsLast7Days").isEqualTo(2)
                .jsonPath("$.team.queue.conversations.length").isEqualTo(4)
                .jsonPath("$.team.queue.conversations.oldestQueuedAt").isEqualTo("2026-12-03T08:00:00Z")
                .jsonPath("$.team.queue.conversations.oldestWaitSeconds").isEqualTo(120)
                .jsonPath("$.team.queue.leads.length").isEqualTo(0)
                .jsonPath("$.team.queue.leads.oldestQueuedAt").isEmpty();
    }

    @Test
    void dashboard_forAnEmployee_hasNoTeam() {
        when(dashboards.dashboard(eq(ORG), eq(PORTAL), any())).thenReturn(Mono.just(new DashboardView(PORTAL, "Sales Portal", "UTC",
                new DashboardView.Windows(TODAY, LAST7, WEEK), me(StubTokens.USER), null)));

        dashboard(PORTAL.toString()).expectStatus().isOk().expectBody()
                .jsonPath("$.me.userId").isEqualTo(StubTokens.USER.toString())
                .jsonPath("$.team").isEmpty();
    }

    @Test
    void unknownPortal_is404_andAPortalTheCallerDoesNotSee_is403_asProblemJson() {
        UUID unknown = UUID.randomUUID();
        when(dashboards.dashboard(eq(ORG), eq(unknown), any())).thenReturn(Mono.error(ProblemException.notFound("portal " + unknown)));
        when(dashboards.dashboard(eq(ORG), eq(PORTAL), any())).thenReturn(Mono.error(ProblemException.forbidden("You do not see this portal.")));

        dashboard(unknown.toString()).expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith("application/problem+json");
        dashboard(PORTAL.toString()).expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith("application/problem+json");
    }

    @Test
    void aPortalIdThatIsNoUuid_isABadRequest() {
        dashboard("sales").expectStatus().isBadRequest();
        verifyNoInteractions(dashboards);
    }

    @Test
    void withoutAToken_is401() {
        web.get().uri("/api/orgs/{org}/portals/{portal}/dashboard", ORG, PORTAL).exchange().expectStatus().isUnauthorized();
        verifyNoInteractions(dashboards);
    }

    @Test
    void overview_isNotTakenForAPortalId_andListsEveryPortal() {
        when(dashboards.overview(eq(ORG), any())).thenReturn(Mono.just(new OverviewView("UTC", WEEK, List.of(
                new OverviewView.PortalRow(PORTAL, "Sales Portal", true, 5, 3, 4, 2, 6, 1, 2, 3, 7)))));

        web.get().uri("/api/orgs/{org}/portals/overview", ORG).header("Authorization", "Bearer " + StubTokens.MEMBER).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.timezone").isEqualTo("UTC")
                .jsonPath("$.weekStartsAt").isEqualTo("2026-11-29T23:00:00Z")
                .jsonPath("$.portals[0].portalId").isEqualTo(PORTAL.toString())
                .jsonPath("$.portals[0].name").isEqualTo("Sales Portal")
                .jsonPath("$.portals[0].isDefault").isEqualTo(true)
                .jsonPath("$.portals[0].members").isEqualTo(5)
                .jsonPath("$.portals[0].availableNow").isEqualTo(3)
                .jsonPath("$.portals[0].activeConversations").isEqualTo(4)
                .jsonPath("$.portals[0].openLeads").isEqualTo(2)
                .jsonPath("$.portals[0].activeWork").isEqualTo(6)
                .jsonPath("$.portals[0].queuedConversations").isEqualTo(1)
                .jsonPath("$.portals[0].queuedLeads").isEqualTo(2)
                .jsonPath("$.portals[0].queueLength").isEqualTo(3)
                .jsonPath("$.portals[0].leadsWonThisWeek").isEqualTo(7);
    }

    @Test
    void overview_forAnAgent_is403() {
        when(dashboards.overview(eq(ORG), any())).thenReturn(Mono.error(ProblemException.forbidden("Only owners, admins and viewers see the overview of every portal.")));

        web.get().uri("/api/orgs/{org}/portals/overview", ORG).header("Authorization", "Bearer " + StubTokens.MEMBER).exchange()
                .expectStatus().isForbidden();
    }

    private WebTestClient.ResponseSpec dashboard(String portal) {
        return web.get().uri("/api/orgs/{org}/portals/{portal}/dashboard", ORG, portal).header("Authorization", "Bearer " + StubTokens.MEMBER).exchange();
    }
}
