package io.switchboard.portal.dashboard;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The dashboards' reads: grouped counts over the read model (one query for all members' numbers, not one per
 * member), with portals and portal members (portal-service's own tables). Every query is scoped by the organization.
 */
@Component
class DashboardQueries {

    /** The portal (not archived), the caller's role in it (null: not a member) and the organization's time zone (null: UTC). */
    record PortalContext(UUID portalId, String name, String myPortalRole, String timezone) {
    }

    record MemberRow(UUID userId, String displayName, String portalRole, boolean available, Instant availableSince) {
    }

    /**
     * One line of a member's numbers. {@code part} ACTIVE: work assigned now of {@code kind} on {@code key} (channel; null for
     * leads), {@code a} in this portal and {@code b} everywhere. HANDLED: {@code a} today, {@code b} in the last 7 days.
     * CAPACITY: {@code a} the capacity on channel {@code key}. STATUS: {@code a} of the member's leads in this portal have status {@code key}.
     */
    record StatRow(Part part, UUID userId, WorkItem.Kind kind, String key, long a, long b) {

        enum Part { ACTIVE, HANDLED, CAPACITY, STATUS }
    }

    record QueueRow(WorkItem.Kind kind, long length, Instant oldest) {
    }

    private final DatabaseClient db;

    DashboardQueries(DatabaseClient db) {
        this.db = db;
    }

    Mono<PortalContext> context(UUID orgId, UUID portalId, UUID me) {
        return db.sql("select p.id, p.name, m.portal_role, (select t.timezone from org_timezones t where t.org_id = p.org_id) as timezone "
                        + "from portals p left join portal_members m on m.portal_id = p.id and m.org_id = p.org_id and m.user_id = :me "
                        + "where p.org_id = :org and p.id = :portal and p.archived_at is null")
                .bind("org", orgId).bind("portal", portalId).bind("me", me)
                .map(row -> new PortalContext(row.get("id", UUID.class), row.get("name", String.class), row.get("portal_role", String.class),
                        row.get("timezone", String.class)))
                .one();
    }

    /** The portal's members with their names, by name. */
    Flux<MemberRow> members(UUID orgId, UUID portalId) {
        return db.sql("select m.user_id, o.display_name, m.portal_role, m.available, m.available_since from portal_members m "
                        + "left join org_members o on o.org_id = m.org_id and o.user_id = m.user_id "
                        + "where m.org_id = :org and m.portal_id = :portal order by lower(coalesce(o.display_name, o.email, '')), m.user_id")
                .bind("org", orgId).bind("portal", portalId)
                .map(row -> new MemberRow(row.get("user_id", UUID.class), row.get("display_name", String.class), row.get("portal_role", String.class),
                        Boolean.TRUE.equals(row.get("available", Boolean.class)), WorkItems.instant(row, "available_since")))
                .all();
    }

    /**
     * The numbers of {@code users} in the portal, in one round trip: active work per kind and channel, handled since
     * {@code today} and {@code last7Days}, capacities; and leads by status for {@code statusesOf} (null: nobody).
     *
     * <p>With {@code wholePortal} (the team view, whose users are the portal's members) the handled part counts every
     * handler of the portal's closed work instead of testing each of the week's closed rows against the list of users
     * (a linear array check per row, which was most of this query's time); the caller keeps the rows of its users.
     */
    Flux<StatRow> stats(UUID orgId, UUID portalId, Collection<UUID> users, boolean wholePortal, Instant today, Instant last7Days, UUID statusesOf) {
        if (users.isEmpty()) {
            return Flux.empty();
        }
        String sql = "select 'ACTIVE' as part, assignee_id as user_id, kind, channel as key, count(*) filter (where portal_id = :portal) as a, count(*) as b "
                + "from dashboard_work where org_id = :org and state = 'ASSIGNED' and assignee_id = any(:users) group by assignee_id, kind, channel "
                + "union all "
                + "select 'HANDLED', handled_by, kind, null, count(*) filter (where closed_at >= :today), count(*) "
                + "from dashboard_work where org_id = :org and portal_id = :portal and state = 'CLOSED' and closed_at >= :last7 "
                + (wholePortal ? "and handled_by is not null " : "and handled_by = any(:users) ")
                + "and (kind = 'CONVERSATION' or outcome in ('WON', 'LOST')) group by handled_by, kind "
                + "union all "
                + "select 'CAPACITY', user_id, 'CONVERSATION', channel, capacity, 0 from dashboard_capacities where org_id = :org and user_id = any(:users)"
                + (statusesOf == null ? "" : " union all "
                + "select 'STATUS', assignee_id, 'LEAD', status_id, count(*), 0 from dashboard_work "
                + "where org_id = :org and kind = 'LEAD' and assignee_id = :statusesOf and portal_id = :portal group by assignee_id, status_id");
        var spec = db.sql(sql).bind("org", orgId).bind("portal", portalId).bind("users", users.toArray(UUID[]::new))
                .bind("today", today).bind("last7", last7Days);
        if (statusesOf != null) {
            spec = spec.bind("statusesOf", statusesOf);
        }
        return spec.map(row -> new StatRow(StatRow.Part.valueOf(row.get("part", String.class)), row.get("user_id", UUID.class),
                        WorkItem.Kind.valueOf(row.get("kind", String.class)), row.get("key", String.class),
                        number(row.get("a", Number.class)), number(row.get("b", Number.class))))
                .all();
    }

    /** The portal's queue per kind: how many wait and since when the longest-waiting one does. */
    Flux<QueueRow> queue(UUID orgId, UUID portalId) {
        return db.sql("select kind, count(*) as length, min(coalesce(opened_at, queued_at)) as oldest from dashboard_work "
                        + "where org_id = :org and portal_id = :portal and state = 'QUEUED' group by kind")
                .bind("org", orgId).bind("portal", portalId)
                .map(row -> new QueueRow(WorkItem.Kind.valueOf(row.get("kind", String.class)), number(row.get("length", Number.class)),
                        WorkItems.instant(row, "oldest")))
                .all();
    }

    /** Every portal of the organization that is not archived, with its counts; default portal first, then by name. */
    Flux<OverviewView.PortalRow> overview(UUID orgId, Instant weekStart) {
        return db.sql("with m as (select portal_id, count(*) as members, count(*) filter (where available) as available "
                        + "  from portal_members where org_id = :org group by portal_id), "
                        + "w as (select portal_id, count(*) filter (where state = 'ASSIGNED' and kind = 'CONVERSATION') as conversations, "
                        + "  count(*) filter (where state = 'ASSIGNED' and kind = 'LEAD') as leads, "
                        + "  count(*) filter (where state = 'QUEUED' and kind = 'CONVERSATION') as queued_conversations, "
                        + "  count(*) filter (where state = 'QUEUED' and kind = 'LEAD') as queued_leads "
                        + "  from dashboard_work where org_id = :org and state <> 'CLOSED' group by portal_id), "
                        + "won as (select portal_id, count(*) as won from dashboard_work where org_id = :org and state = 'CLOSED' "
                        + "  and closed_at >= :week and kind = 'LEAD' and outcome = 'WON' group by portal_id) "
                        + "select p.id, p.name, p.is_default, coalesce(m.members, 0) as members, coalesce(m.available, 0) as available, "
                        + "coalesce(w.conversations, 0) as conversations, coalesce(w.leads, 0) as leads, coalesce(w.queued_conversations, 0) as queued_conversations, "
                        + "coalesce(w.queued_leads, 0) as queued_leads, coalesce(won.won, 0) as won "
                        + "from portals p left join m on m.portal_id = p.id left join w on w.portal_id = p.id left join won on won.portal_id = p.id "
                        + "where p.org_id = :org and p.archived_at is null order by p.is_default desc, lower(p.name), p.id")
                .bind("org", orgId).bind("week", weekStart)
                .map(row -> {
                    long conversations = number(row.get("conversations", Number.class));
                    long leads = number(row.get("leads", Number.class));
                    long queuedConversations = number(row.get("queued_conversations", Number.class));
                    long queuedLeads = number(row.get("queued_leads", Number.class));
                    return new OverviewView.PortalRow(row.get("id", UUID.class), row.get("name", String.class),
                            Boolean.TRUE.equals(row.get("is_default", Boolean.class)), number(row.get("members", Number.class)),
                            number(row.get("available", Number.class)), conversations, leads, conversations + leads,
                            queuedConversations, queuedLeads, queuedConversations + queuedLeads, number(row.get("won", Number.class)));
                })
                .all();
    }

    private static long number(Number value) {
        return value == null ? 0 : value.longValue();
    }
}
