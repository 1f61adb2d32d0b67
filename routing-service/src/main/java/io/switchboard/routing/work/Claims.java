package io.switchboard.routing.work;

import io.switchboard.routing.shared.Strategy;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The claim: choosing an agent for a queued work item and reserving their capacity is ONE SQL statement.
 *
 * <p>Why it is correct without trusting any single instance (docs/architecture.md, "The claim"):
 * <ul>
 *   <li>Capacity: the agent's {@code agent_channels} row is chosen with {@code FOR UPDATE} and incremented in the
 *       same statement. A concurrent claim of the same agent waits for the row lock; Postgres then re-checks
 *       the capacity condition against the committed row (READ COMMITTED re-evaluation) and moves on to the next
 *       candidate if it no longer holds. No read-then-write window exists.</li>
 *   <li>One assignee: the item is locked {@code FOR UPDATE} by its primary key and its locked (latest) version must still be QUEUED; an item has one
 *       {@code assignee_id} column, and a CHECK ties ASSIGNED to it being set.</li>
 *   <li>Nothing missed: every caller holds the organization's advisory lock ({@code OrgWrites}), so a change
 *       that frees capacity and the queue it drains never run beside a claim that decided to queue.</li>
 * </ul>
 * Leads use the same statement with their own kind and the pseudo-channel {@link Kind#LEAD_CHANNEL}: a member's
 * LEAD row counts their open leads; its capacity condition is {@code open_count < capacity}, except that a null
 * capacity (no lead capacity in the profile) or a portal whose leads are not capacity-bound
 * ({@code portals.leads_capacity_bound}, read in the same statement) lets any count through; the count is
 * incremented either way, under the same row lock, so the argument above holds unchanged. A lead's client may be
 * on any channel of the member's profile. LOAD_BALANCED orders by open/capacity, a missing or zero capacity
 * counting as the maximum (100).
 */
@Component
class Claims {

    /** Named parameters: work, org, portal, team (nullable), client, channel, scope (rotation), strategy. */
    static final String CLAIM = """
            with work as (
                select id, org_id, status, unassigned_from from work_items where id = :work for update
            ), queued as (
                select id from work where org_id = :org and status = 'QUEUED'
            ), unbound as (
                select 1 from portals p where p.id = :portal and :channel = 'LEAD' and not p.leads_capacity_bound
            ), agent as (
                select ac.user_id
                from agent_channels ac
                join org_members om on om.org_id = ac.org_id and om.user_id = ac.user_id and om.status = 'ACTIVE' and om.role <> 'VIEWER'
                join portal_members pm on pm.portal_id = :portal and pm.user_id = ac.user_id
                join availability av on av.portal_id = :portal and av.user_id = ac.user_id and av.available
                left join rotation r on r.scope_id = :scope and r.user_id = ac.user_id
                where ac.org_id = :org and ac.channel = :channel and ac.allowed
                  and (ac.open_count < ac.capacity or ac.capacity is null or exists (select 1 from unbound))
                  and exists (select 1 from profile_clients pc where pc.org_id = ac.org_id and pc.user_id = ac.user_id and pc.client_id = :client
                              and (pc.channel = ac.channel or ac.channel = 'LEAD'))
                  and exists (select 1 from queued)
                  and (cast(:team as uuid) is null or exists (select 1 from team_members tm where tm.team_id = cast(:team as uuid) and tm.user_id = ac.user_id))
                  and ac.user_id is distinct from (select unassigned_from from work)
                order by case when :strategy = 'LOAD_BALANCED' then ac.open_count::float8 / coalesce(nullif(ac.capacity, 0), 100) else 0 end,
                         case when :strategy = 'ROUND_ROBIN' then coalesce(r.last_turn, 0) else 0 end,
                         ac.last_assigned_at nulls first, ac.user_id
                limit 1
                for update of ac
            ), reserved as (
                update agent_channels ac set open_count = ac.open_count + 1, last_assigned_at = clock_timestamp()
                from agent where ac.org_id = :org and ac.user_id = agent.user_id and ac.channel = :channel
                returning ac.user_id, ac.open_count, ac.capacity
            ), assigned as (
                update work_items w set status = 'ASSIGNED', assignee_id = reserved.user_id, assigned_at = clock_timestamp(), unassigned_from = null
                from reserved where w.id = :work
                returning w.id, w.assigned_at
            ), turn as (
                insert into rotation (scope_id, user_id, last_turn)
                select :scope, user_id, nextval('rotation_turns') from reserved
                on conflict (scope_id, user_id) do update set last_turn = excluded.last_turn
            )
            select r.user_id, r.open_count, case when exists (select 1 from unbound) then null else r.capacity end as capacity, a.assigned_at
            from reserved r left join assigned a on true""";

    /** A portal's leads ignore capacity: the capacity answered for a lead there is null. */
    private static final String UNBOUND = "(ac.channel = 'LEAD' and exists (select 1 from portals p where p.id = :portal and not p.leads_capacity_bound))";

    /** An assignee and their load on the channel after the reservation; when the claim assigned the item, the time it did. */
    record Reserved(UUID userId, int openOnChannel, Integer capacity, Instant assignedAt) {

        Reserved(UUID userId, int openOnChannel, Integer capacity) {
            this(userId, openOnChannel, capacity, null);
        }
    }

    private final DatabaseClient db;

    Claims(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Assigns the queued item to the agent {@code strategy} picks among the eligible, never the person a manager
     * took it from ({@code unassigned_from}); empty when nobody is eligible.
     */
    Mono<Reserved> claim(WorkItem item, Strategy strategy) {
        var sql = db.sql(CLAIM)
                .bind("work", item.id()).bind("org", item.orgId()).bind("portal", item.portalId()).bind("client", item.clientId())
                .bind("channel", item.channel()).bind("scope", item.rotationScope()).bind("strategy", strategy.name());
        sql = item.teamId() == null ? sql.bindNull("team", UUID.class) : sql.bind("team", item.teamId());
        return sql.map(row -> new Reserved(row.get("user_id", UUID.class), row.get("open_count", Integer.class), row.get("capacity", Integer.class),
                        row.get("assigned_at", Instant.class)))
                .one();
    }

    /**
     * A manager's assignment within the rules: reserves capacity on the channel if the person's profile allows
     * the channel and the client and they are below capacity (a lead: the client on any channel; no capacity, or a
     * portal whose leads are not capacity-bound, is never full); empty otherwise.
     */
    Mono<Reserved> reserveWithinRules(UUID orgId, UUID userId, String channel, UUID clientId, UUID portalId) {
        return db.sql("update agent_channels ac set open_count = ac.open_count + 1, last_assigned_at = clock_timestamp() "
                        + "where ac.org_id = :org and ac.user_id = :user and ac.channel = :channel and ac.allowed "
                        + "and (ac.open_count < ac.capacity or ac.capacity is null or " + UNBOUND + ") "
                        + "and exists (select 1 from profile_clients pc where pc.org_id = :org and pc.user_id = :user and pc.client_id = :client "
                        + "and (pc.channel = :channel or ac.channel = 'LEAD')) "
                        + "returning ac.user_id, ac.open_count, case when " + UNBOUND + " then null else ac.capacity end as capacity")
                .bind("org", orgId).bind("user", userId).bind("channel", channel).bind("client", clientId).bind("portal", portalId)
                .map(row -> new Reserved(row.get("user_id", UUID.class), row.get("open_count", Integer.class), row.get("capacity", Integer.class)))
                .one();
    }

    /**
     * An admin's forced assignment: counts the work whatever the profile says (a row is made if the channel has
     * none: not allowed with capacity 0; a LEAD row allowed with no capacity, as the profile writers make it).
     */
    Mono<Reserved> reserveForced(UUID orgId, UUID userId, String channel, UUID portalId) {
        return db.sql("insert into agent_channels as ac (org_id, user_id, channel, allowed, capacity, open_count, last_assigned_at) "
                        + "values (:org, :user, :channel, :lead, case when :lead then null else 0 end, 1, clock_timestamp()) "
                        + "on conflict (org_id, user_id, channel) "
                        + "do update set open_count = ac.open_count + 1, last_assigned_at = clock_timestamp() "
                        + "returning ac.user_id, ac.open_count, case when " + UNBOUND + " then null else ac.capacity end as capacity")
                .bind("org", orgId).bind("user", userId).bind("channel", channel).bind("lead", Kind.LEAD_CHANNEL.equals(channel))
                .bind("portal", portalId)
                .map(row -> new Reserved(row.get("user_id", UUID.class), row.get("open_count", Integer.class), row.get("capacity", Integer.class)))
                .one();
    }

    /** Gives back the capacity an assigned item held, in the transaction of its state change. */
    Mono<Void> release(UUID orgId, UUID userId, String channel) {
        return db.sql("update agent_channels set open_count = open_count - 1 where org_id = :org and user_id = :user and channel = :channel "
                        + "and open_count > 0")
                .bind("org", orgId).bind("user", userId).bind("channel", channel)
                .fetch().rowsUpdated().then();
    }

    /** Why a manual assignment within the rules was refused: the profile lacks the channel or client, or they are full. */
    Mono<Boolean> hasChannelAndClient(UUID orgId, UUID userId, String channel, UUID clientId) {
        return db.sql("select 1 from agent_channels ac join profile_clients pc on pc.org_id = ac.org_id and pc.user_id = ac.user_id "
                        + "and (pc.channel = ac.channel or ac.channel = 'LEAD') where ac.org_id = :org and ac.user_id = :user and ac.channel = :channel "
                        + "and ac.allowed and pc.client_id = :client limit 1")
                .bind("org", orgId).bind("user", userId).bind("channel", channel).bind("client", clientId)
                .map(row -> true).one().defaultIfEmpty(false);
    }
}
