package io.switchboard.routing.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.access.PortalRole;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.access.OrgCaller;
import io.switchboard.routing.clients.ClientTest;
import io.switchboard.routing.shared.Strategy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TeamTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID PORTAL = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void create_trimsTheName_andAuditsTheTeamWithItsMembers() {
        UUID member = UUID.randomUUID();

        Change<Team> created = Team.create(ORG, PORTAL, "  Night shift ", Strategy.LOAD_BALANCED, List.of(member), NOW);

        assertThat(created.result().name()).isEqualTo("Night shift");
        assertThat(created.result().strategy()).isEqualTo(Strategy.LOAD_BALANCED);
        assertThat(created.events()).isEmpty();
        assertThat(created.audit()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("team.created");
            assertThat(entry.target()).isEqualTo("team:" + created.result().id());
            assertThat(entry.after()).containsEntry("portalId", PORTAL).containsEntry("memberIds", List.of(member.toString()));
        });
    }

    @Test
    void badName_andMissingStrategy_areRefusedNamingTheirField() {
        assertThatThrownBy(() -> Team.create(ORG, PORTAL, " ", Strategy.MANUAL, List.of(), NOW)).satisfies(e -> ClientTest.assertInvalid(e, "name"));
        assertThatThrownBy(() -> Team.create(ORG, PORTAL, "x".repeat(101), Strategy.MANUAL, List.of(), NOW))
                .satisfies(e -> ClientTest.assertInvalid(e, "name"));
        assertThatThrownBy(() -> Team.create(ORG, PORTAL, "Night", null, List.of(), NOW)).satisfies(e -> ClientTest.assertInvalid(e, "strategy"));
    }

    @Test
    void update_auditsBeforeAndAfter_sayingWhetherRoutingChanged_andNothingChanged_isNoChange() {
        Team team = Team.create(ORG, PORTAL, "Night", Strategy.ROUND_ROBIN, List.of(), NOW).result();

        Change<Team> renamed = team.update("Late", null);
        assertThat(renamed.audit().getFirst().action()).isEqualTo("team.updated");
        assertThat(team.routesDifferentlyThan(renamed.result())).isFalse();

        Change<Team> manual = team.update(null, Strategy.MANUAL);
        assertThat(manual.audit().getFirst().before()).containsEntry("strategy", "ROUND_ROBIN");
        assertThat(manual.audit().getFirst().after()).containsEntry("strategy", "MANUAL");
        assertThat(team.routesDifferentlyThan(manual.result())).isTrue();

        assertThat(team.update("Night", Strategy.ROUND_ROBIN).isEmpty()).isTrue();
        assertThat(team.update(null, null).isEmpty()).isTrue();
    }

    @Test
    void delete_andMemberChanges_areAudited() {
        Team team = Team.create(ORG, PORTAL, "Night", Strategy.ROUND_ROBIN, List.of(), NOW).result();
        UUID member = UUID.randomUUID();

        assertThat(team.delete(NOW).result().deletedAt()).isEqualTo(NOW);
        assertThat(team.delete(NOW).audit().getFirst().action()).isEqualTo("team.deleted");
        assertThat(team.memberAdded(member).action()).isEqualTo("team.member.added");
        assertThat(team.memberAdded(member).after()).containsEntry("userId", member);
        assertThat(team.memberRemoved(member).action()).isEqualTo("team.member.removed");
        assertThat(team.memberRemoved(member).before()).containsEntry("userId", member);
    }

    @Test
    void routingIsManaged_byAdmins_andByPortalManagersHoldingRoutingManage_only() {
        OrgCaller admin = caller("ADMIN");
        OrgCaller manager = caller("MANAGER");
        OrgCaller agent = caller("AGENT");
        OrgCaller customWithout = new OrgCaller(ORG, UUID.randomUUID(), "custom:" + UUID.randomUUID(), Set.of(Permission.ORG_READ));

        assertThat(TeamService.managesRouting(admin, Optional.empty())).isTrue();
        assertThat(TeamService.managesRouting(manager, Optional.of(PortalRole.MANAGER))).isTrue();
        assertThat(TeamService.managesRouting(manager, Optional.of(PortalRole.EMPLOYEE))).isFalse();
        assertThat(TeamService.managesRouting(manager, Optional.empty())).isFalse();
        assertThat(TeamService.managesRouting(agent, Optional.of(PortalRole.MANAGER))).isFalse();
        assertThat(TeamService.managesRouting(customWithout, Optional.of(PortalRole.MANAGER))).isFalse();
    }

    private static OrgCaller caller(String role) {
        return new OrgCaller(ORG, UUID.randomUUID(), role, BuiltInRole.byName(role).orElseThrow().permissions());
    }
}
