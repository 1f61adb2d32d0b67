package io.switchboard.portal.dashboard;

import io.switchboard.events.access.PortalAccess;
import io.switchboard.events.access.PortalRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.routing.LeadStatusesUpdated;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.portal.dashboard.DashboardQueries.MemberRow;
import io.switchboard.portal.dashboard.DashboardQueries.QueueRow;
import io.switchboard.portal.dashboard.DashboardQueries.StatRow;
import io.switchboard.portal.dashboard.DashboardQueries.StatRow.Part;
import io.switchboard.portal.dashboard.DashboardView.ChannelLoad;
import io.switchboard.portal.dashboard.DashboardView.Handled;
import io.switchboard.portal.dashboard.DashboardView.StatusCount;
import io.switchboard.portal.dashboard.DashboardView.Waiting;
import io.switchboard.portal.dashboard.WorkItem.Kind;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The portal dashboards, answered from the read model only (never by asking routing-service). Who sees what follows
 * the shared portal access rule ({@link PortalAccess}), as the rest of portal-service does: an unknown portal, or
 * another organization's, is 404; a portal the caller does not see is 403; the team part is for those who see all
 * of the portal's work (its MANAGERs, OWNERs and ADMINs, VIEWERs); the overview for OWNERs, ADMINs and VIEWERs.
 */
@Service
class DashboardService {

    private static final Duration MEMBERSHIP_GRACE = Duration.ofMillis(1500);

    private final DashboardQueries queries;
    private final OrgFacts facts;
    private final MembershipProjection memberships;
    private final Clock clock;

    DashboardService(DashboardQueries queries, OrgFacts facts, MembershipProjection memberships, Clock clock) {
        this.queries = queries;
        this.facts = facts;
        this.memberships = memberships;
        this.clock = clock;
    }

    /** The caller as an active member of the organization; 404 otherwise (the organization's existence is not revealed). */
    private record Me(UUID userId, String role, Set<Permission> permissions) {
    }

    private Mono<Me> member(UUID orgId, Caller caller) {
        return memberships.awaitMembership(orgId, caller.userId(), MEMBERSHIP_GRACE)
                .filter(MembershipProjection.Membership::isActive)
                .map(m -> new Me(caller.userId(), m.role(), memberships.permissions(orgId, caller.userId())))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)));
    }

    Mono<DashboardView> dashboard(UUID orgId, UUID portalId, Caller caller) {
        return member(orgId, caller).flatMap(me -> queries.context(orgId, portalId, me.userId())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("portal " + portalId)))
                .flatMap(portal -> {
                    PortalAccess access = PortalAccess.of(me.role(), me.permissions(), PortalRole.byName(portal.myPortalRole()));
                    if (!access.seesPortal()) {
                        return Mono.error(ProblemException.forbidden("You do not see this portal."));
                    }
                    Instant now = clock.instant();
                    TimeWindows windows = TimeWindows.at(now, TimeWindows.zoneOf(portal.timezone()));
                    boolean team = access.work() == PortalAccess.Work.ALL;
                    Mono<List<MemberRow>> members = team ? queries.members(orgId, portalId).collectList() : Mono.just(List.of());
                    return members.flatMap(rows -> {
                        Set<UUID> users = new LinkedHashSet<>();
                        users.add(me.userId());
                        rows.forEach(row -> users.add(row.userId()));
                        return Mono.zip(queries.stats(orgId, portalId, users, team, windows.today(), windows.last7Days(), me.userId()).collectList(),
                                        team ? queries.queue(orgId, portalId).collectList() : Mono.just(List.<QueueRow>of()),
                                        facts.statuses(orgId).collectList())
                                .map(t -> assemble(portal, me.userId(), windows, now, team, rows, readable(me.permissions(), t.getT1(), StatRow::kind),
                                        readable(me.permissions(), t.getT2(), QueueRow::kind), t.getT3()));
                    });
                }));
    }

    /** Only the kinds of work the caller may read: a role without leads:read sees no lead counts (nor one without conversations:read conversations'). */
    static <T> List<T> readable(Set<Permission> permissions, List<T> rows, java.util.function.Function<T, Kind> kind) {
        return rows.stream().filter(row -> permissions.contains(kind.apply(row) == Kind.LEAD ? Permission.LEADS_READ : Permission.CONVERSATIONS_READ))
                .toList();
    }

    Mono<OverviewView> overview(UUID orgId, Caller caller) {
        return member(orgId, caller).flatMap(me -> {
            if (PortalAccess.of(me.role(), me.permissions(), java.util.Optional.empty()).work() != PortalAccess.Work.ALL) {
                return Mono.error(ProblemException.forbidden("Only owners, admins and viewers see the overview of every portal."));
            }
            return facts.timezone(orgId).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()).flatMap(timezone -> {
                TimeWindows windows = TimeWindows.at(clock.instant(), TimeWindows.zoneOf(timezone.orElse(null)));
                return queries.overview(orgId, windows.week()).collectList()
                        .map(portals -> new OverviewView(windows.zone().getId(), windows.week(), portals));
            });
        });
    }

    static DashboardView assemble(DashboardQueries.PortalContext portal, UUID me, TimeWindows windows, Instant now, boolean team,
                                  List<MemberRow> members, List<StatRow> stats, List<QueueRow> queue, List<LeadStatusesUpdated.Status> statuses) {
        DashboardView.Me mine = new DashboardView.Me(me, leadsByStatus(me, stats, statuses), loads(me, stats), openLeads(me, stats), handled(me, stats));
        DashboardView.Team teamView = null;
        if (team) {
            List<DashboardView.Member> rows = members.stream().map(m -> new DashboardView.Member(m.userId(), m.displayName(), m.portalRole(),
                    m.available(), m.availableSince(), loads(m.userId(), stats), openLeads(m.userId(), stats), handled(m.userId(), stats))).toList();
            teamView = new DashboardView.Team(rows, new DashboardView.Queue(waiting(queue, Kind.CONVERSATION, now), waiting(queue, Kind.LEAD, now)));
        }
        return new DashboardView(portal.portalId(), portal.name(), windows.zone().getId(),
                new DashboardView.Windows(windows.today(), windows.last7Days(), windows.week()), mine, teamView);
    }

    /** Per channel, sorted by name: the member's active conversations here and everywhere, and their capacity there. */
    private static List<ChannelLoad> loads(UUID user, List<StatRow> stats) {
        Map<String, long[]> byChannel = new TreeMap<>();
        Map<String, Integer> capacities = new TreeMap<>();
        for (StatRow row : stats) {
            if (!user.equals(row.userId()) || row.kind() != Kind.CONVERSATION || row.key() == null) {
                continue;
            }
            if (row.part() == Part.ACTIVE) {
                long[] counts = byChannel.computeIfAbsent(row.key(), c -> new long[2]);
                counts[0] += row.a();
                counts[1] += row.b();
            } else if (row.part() == Part.CAPACITY) {
                byChannel.computeIfAbsent(row.key(), c -> new long[2]);
                capacities.put(row.key(), (int) row.a());
            }
        }
        List<ChannelLoad> loads = new ArrayList<>();
        byChannel.forEach((channel, counts) -> loads.add(new ChannelLoad(channel, counts[0], counts[1], capacities.get(channel))));
        return loads;
    }

    private static long openLeads(UUID user, List<StatRow> stats) {
        return stats.stream().filter(row -> row.part() == Part.ACTIVE && row.kind() == Kind.LEAD && user.equals(row.userId()))
                .mapToLong(StatRow::a).sum();
    }

    private static Handled handled(UUID user, List<StatRow> stats) {
        long[] h = new long[4];
        for (StatRow row : stats) {
            if (row.part() == Part.HANDLED && user.equals(row.userId())) {
                int at = row.kind() == Kind.CONVERSATION ? 0 : 2;
                h[at] += row.a();
                h[at + 1] += row.b();
            }
        }
        return new Handled(h[0], h[1], h[2], h[3]);
    }

    /** The organization's statuses in order, each with the caller's count; then statuses their leads still have that the list no longer names. */
    private static List<StatusCount> leadsByStatus(UUID user, List<StatRow> stats, List<LeadStatusesUpdated.Status> statuses) {
        Map<String, Long> counts = new TreeMap<>();
        stats.stream().filter(row -> row.part() == Part.STATUS && user.equals(row.userId()) && row.key() != null)
                .forEach(row -> counts.merge(row.key(), row.a(), Long::sum));
        List<StatusCount> result = new ArrayList<>();
        for (LeadStatusesUpdated.Status status : statuses) {
            result.add(new StatusCount(status.id(), status.name(), status.outcome(), counts.getOrDefault(status.id(), 0L)));
            counts.remove(status.id());
        }
        counts.forEach((id, count) -> result.add(new StatusCount(id, id, null, count)));
        return result;
    }

    private static Waiting waiting(List<QueueRow> queue, Kind kind, Instant now) {
        return queue.stream().filter(row -> row.kind() == kind).findFirst()
                .map(row -> new Waiting(row.length(), row.oldest(),
                        row.oldest() == null ? null : Math.max(0, Duration.between(row.oldest(), now).toSeconds())))
                .orElse(new Waiting(0, null, null));
    }
}
