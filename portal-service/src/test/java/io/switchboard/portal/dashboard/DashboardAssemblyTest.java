package io.switchboard.portal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.portal.dashboard.DashboardQueries.MemberRow;
import io.switchboard.portal.dashboard.DashboardQueries.PortalContext;
import io.switchboard.portal.dashboard.DashboardQueries.QueueRow;
import io.switchboard.portal.dashboard.DashboardQueries.StatRow;
import io.switchboard.portal.dashboard.DashboardQueries.StatRow.Part;
import io.switchboard.portal.dashboard.WorkItem.Kind;
import java.time.Instant;
import io.switchboard.events.access.Permission;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the grouped rows of one query become each member's numbers. */
class DashboardAssemblyTest {

    private static final UUID PORTAL = UUID.randomUUID();
    private static final UUID ME = UUID.randomUUID();
    private static final UUID ANA = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final TimeWindows WINDOWS = TimeWindows.at(NOW, TimeWindows.zoneOf(null));
    private static final PortalContext CONTEXT = new PortalContext(PORTAL, "Sales Portal", "MANAGER", null);

    private static final List<StatRow> STATS = List.of(
            new StatRow(Part.ACTIVE, ANA, Kind.CONVERSATION, "SMS", 2, 3),
            new StatRow(Part.ACTIVE, ANA, Kind.LEAD, null, 4, 5),
            new StatRow(Part.CAPACITY, ANA, Kind.CONVERSATION, "SMS", 3, 0),
            new StatRow(Part.CAPACITY, ANA, Kind.CONVERSATION, "EMAIL", 10, 0),
            new StatRow(Part.HANDLED, ANA, Kind.CONVERSATION, null, 1, 6),
            new StatRow(Part.HANDLED, ANA, Kind.LEAD, null, 0, 2),
            new StatRow(Part.ACTIVE, ME, Kind.CONVERSATION, "LIVE_CHAT", 1, 1),
            new StatRow(Part.STATUS, ME, Kind.LEAD, "won", 2, 0),
            new StatRow(Part.STATUS, ME, Kind.LEAD, "nurturing", 1, 0));

    @Test
    void eachMember_getsTheirOwnRows_channelsByName_withCapacityWhereTheProfileHasOne() {
        DashboardView view = DashboardService.assemble(CONTEXT, ME, WINDOWS, NOW, true,
                List.of(new MemberRow(ANA, "Ana", "EMPLOYEE", false, NOW.minusSeconds(60))), STATS,
                List.of(new QueueRow(Kind.CONVERSATION, 2, NOW.minusSeconds(90))), OrgFacts.DEFAULT_STATUSES);

        DashboardView.Member ana = view.team().members().getFirst();
        assertThat(ana.conversations()).containsExactly(new DashboardView.ChannelLoad("EMAIL", 0, 0, 10), new DashboardView.ChannelLoad("SMS", 2, 3, 3));
        assertThat(ana.openLeads()).isEqualTo(4);
        assertThat(ana.handled()).isEqualTo(new DashboardView.Handled(1, 6, 0, 2));
        assertThat(ana.available()).isFalse();

        assertThat(view.me().conversations()).containsExactly(new DashboardView.ChannelLoad("LIVE_CHAT", 1, 1, null));
        assertThat(view.me().handled()).isEqualTo(DashboardView.Handled.NONE);
        assertThat(view.me().leadsByStatus()).extracting(s -> s.statusId() + "=" + s.count())
                .containsExactly("new=0", "contacted=0", "qualified=0", "won=2", "lost=0", "nurturing=1");

        assertThat(view.team().queue().conversations()).isEqualTo(new DashboardView.Waiting(2, NOW.minusSeconds(90), 90L));
        assertThat(view.team().queue().leads()).isEqualTo(new DashboardView.Waiting(0, null, null));
        assertThat(view.timezone()).isEqualTo("UTC");
    }

    @Test
    void aRoleWithoutLeadsRead_getsNoLeadRows_andOneWithBothGetsAll() {
        assertThat(DashboardService.readable(Set.of(Permission.CONVERSATIONS_READ), STATS, StatRow::kind))
                .isNotEmpty().allSatisfy(row -> assertThat(row.kind()).isEqualTo(Kind.CONVERSATION));
        assertThat(DashboardService.readable(Set.of(Permission.LEADS_READ), STATS, StatRow::kind))
                .isNotEmpty().allSatisfy(row -> assertThat(row.kind()).isEqualTo(Kind.LEAD));
        assertThat(DashboardService.readable(Set.of(Permission.CONVERSATIONS_READ, Permission.LEADS_READ), STATS, StatRow::kind)).isEqualTo(STATS);
    }

    @Test
    void withoutTheTeamPart_thereIsNoTeam() {
        DashboardView view = DashboardService.assemble(CONTEXT, ME, WINDOWS, NOW, false, List.of(), STATS, List.of(), OrgFacts.DEFAULT_STATUSES);
        assertThat(view.team()).isNull();
        assertThat(view.me().userId()).isEqualTo(ME);
    }
}
