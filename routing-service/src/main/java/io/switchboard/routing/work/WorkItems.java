package io.switchboard.routing.work;

import io.r2dbc.spi.Readable;
import io.switchboard.routing.shared.Strategy;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The repository of work items (conversations and leads) and of the load counters their state changes move. */
@Component
class WorkItems {

    static final String COLUMNS = "w.id, w.org_id, w.kind, w.external_id, w.portal_id, w.team_id, w.client_id, w.channel, w.status, "
            + "w.assignee_id, w.queue_seq, w.customer_name, w.subject, w.opened_at, w.assigned_at, w.closed_at, w.last_reply_at, w.source, w.status_id, w.unassigned_from";

    private final DatabaseClient db;

    WorkItems(DatabaseClient db) {
        this.db = db;
    }

    /** A new item as inserted, with what routing it needs next: the strategy that routes it, and whether its queue is non-empty. */
    record Inserted(WorkItem item, Strategy strategy, boolean queuedAhead) {
    }

    /**
     * Inserts a new QUEUED item with the next queue position, in one statement with the checks of what it names
     * (the portal in the organization and not archived, the team in that portal, the client in the organization):
     * empty when one fails or when its externalId is already known; the caller finds out which. It answers the
     * strategy that routes the item and whether other work waits in its queue, so that opening needs no more
     * reads before the claim.
     */
    Mono<Inserted> insert(UUID id, Dispatcher.NewWork work) {
        var sql = db.sql("insert into work_items as w (id, org_id, kind, external_id, portal_id, team_id, client_id, channel, status, queue_seq, "
                        + "customer_name, subject, opened_at, source, status_id) select :id, :org, :kind, :external, :portal, :team, :client, :channel, 'QUEUED', "
                        + "nextval('work_queue_seq'), :customer, :subject, :opened, :source, :status "
                        + "where exists (select 1 from portals p where p.org_id = :org and p.id = :portal and p.archived_at is null) "
                        + "and (cast(:team as uuid) is null or exists (select 1 from teams t where t.org_id = :org and t.id = cast(:team as uuid) "
                        + "and t.portal_id = :portal and t.deleted_at is null)) "
                        + "and exists (select 1 from clients c where c.org_id = :org and c.id = :client and c.deleted_at is null) "
                        + "on conflict (org_id, kind, external_id) do nothing returning " + COLUMNS + ", "
                        + "(select coalesce(t.strategy, p.strategy) from portals p left join teams t on t.id = w.team_id where p.id = w.portal_id) as strategy, "
                        + "exists (select 1 from work_items q where q.org_id = w.org_id and q.status = 'QUEUED' and q.portal_id = w.portal_id "
                        + "and q.team_id is not distinct from w.team_id and q.channel = w.channel and q.client_id = w.client_id and q.id <> w.id "
                        + "and q.unassigned_from is null) as queued_ahead")
                .bind("id", id).bind("org", work.orgId()).bind("kind", work.kind().name()).bind("external", work.externalId())
                .bind("portal", work.portalId()).bind("client", work.clientId()).bind("channel", work.channel()).bind("opened", work.openedAt());
        sql = work.teamId() == null ? sql.bindNull("team", UUID.class) : sql.bind("team", work.teamId());
        sql = work.customerName() == null ? sql.bindNull("customer", String.class) : sql.bind("customer", work.customerName());
        sql = work.subject() == null ? sql.bindNull("subject", String.class) : sql.bind("subject", work.subject());
        sql = work.source() == null ? sql.bindNull("source", String.class) : sql.bind("source", work.source());
        sql = work.statusId() == null ? sql.bindNull("status", String.class) : sql.bind("status", work.statusId());
        return sql.map(row -> new Inserted(item(row), Strategy.valueOf(row.get("strategy", String.class)),
                Boolean.TRUE.equals(row.get("queued_ahead", Boolean.class)))).one();
    }

    Mono<WorkItem> find(UUID orgId, UUID id) {
        return db.sql("select " + COLUMNS + " from work_items w where w.org_id = :org and w.id = :id")
                .bind("org", orgId).bind("id", id).map(WorkItems::item).one();
    }

    /** Reads and row-locks the item for the rest of the transaction. */
    Mono<WorkItem> lock(UUID orgId, UUID id) {
        return db.sql("select " + COLUMNS + " from work_items w where w.org_id = :org and w.id = :id for update")
                .bind("org", orgId).bind("id", id).map(WorkItems::item).one();
    }

    Mono<WorkItem> findByExternalId(UUID orgId, Kind kind, String externalId) {
        return db.sql("select " + COLUMNS + " from work_items w where w.org_id = :org and w.kind = :kind and w.external_id = :external")
                .bind("org", orgId).bind("kind", kind.name()).bind("external", externalId).map(WorkItems::item).one();
    }

    /** As {@link #findByExternalId}, row-locked for the rest of the transaction. */
    Mono<WorkItem> lockByExternalId(UUID orgId, Kind kind, String externalId) {
        return db.sql("select " + COLUMNS + " from work_items w where w.org_id = :org and w.kind = :kind and w.external_id = :external for update")
                .bind("org", orgId).bind("kind", kind.name()).bind("external", externalId).map(WorkItems::item).one();
    }

    /** The first queued item of each queue of the organization whose strategy routes automatically (not MANUAL), oldest first. */
    Flux<WorkItem> queueHeads(UUID orgId) {
        return db.sql("select * from (select distinct on (w.portal_id, w.team_id, w.channel, w.client_id) " + COLUMNS + " from work_items w "
                        + "join portals p on p.id = w.portal_id left join teams t on t.id = w.team_id "
                        + "where w.org_id = :org and w.status = 'QUEUED' and coalesce(t.strategy, p.strategy) <> 'MANUAL' "
                        + "order by w.portal_id, w.team_id, w.channel, w.client_id, w.queue_seq) heads order by queue_seq")
                .bind("org", orgId).map(WorkItems::item).all();
    }

    /**
     * The heads of the queues {@code userId} could serve now (in the portal and team, available there, the channel
     * and client in their profile, room on the channel), oldest first. The conditions hold for a whole queue, so
     * filtering the heads is filtering the queues. Leads as in the claim: the client on any channel of the
     * profile; room unless the LEAD row has no capacity or the portal's leads are not capacity-bound.
     */
    Flux<WorkItem> queueHeadsServableBy(UUID orgId, UUID userId) {
        return db.sql("select * from (select distinct on (w.portal_id, w.team_id, w.channel, w.client_id) " + COLUMNS + ", "
                        + "p.leads_capacity_bound from work_items w "
                        + "join portals p on p.id = w.portal_id left join teams t on t.id = w.team_id "
                        + "where w.org_id = :org and w.status = 'QUEUED' and coalesce(t.strategy, p.strategy) <> 'MANUAL' "
                        + "order by w.portal_id, w.team_id, w.channel, w.client_id, w.queue_seq) heads "
                        + "where exists (select 1 from agent_channels ac where ac.org_id = heads.org_id and ac.user_id = :user "
                        + "and ac.channel = heads.channel and ac.allowed and (ac.open_count < ac.capacity or ac.capacity is null "
                        + "or (heads.channel = 'LEAD' and not heads.leads_capacity_bound))) "
                        + "and exists (select 1 from portal_members pm join availability av on av.portal_id = pm.portal_id and av.user_id = pm.user_id "
                        + "and av.available where pm.portal_id = heads.portal_id and pm.user_id = :user) "
                        + "and exists (select 1 from profile_clients pc where pc.org_id = heads.org_id and pc.user_id = :user "
                        + "and pc.client_id = heads.client_id and (pc.channel = heads.channel or heads.channel = 'LEAD')) "
                        + "and (heads.team_id is null or exists (select 1 from team_members tm where tm.team_id = heads.team_id and tm.user_id = :user)) "
                        + "order by queue_seq")
                .bind("org", orgId).bind("user", userId).map(WorkItems::item).all();
    }

    /** The queued item right behind {@code item} in its queue. */
    Mono<WorkItem> nextInQueue(WorkItem item) {
        var sql = db.sql("select " + COLUMNS + " from work_items w where w.org_id = :org and w.status = 'QUEUED' and w.portal_id = :portal "
                        + "and w.team_id is not distinct from :team and w.channel = :channel and w.client_id = :client and w.queue_seq > :seq "
                        + "order by w.queue_seq limit 1")
                .bind("org", item.orgId()).bind("portal", item.portalId()).bind("channel", item.channel()).bind("client", item.clientId())
                .bind("seq", item.queueSeq());
        sql = item.teamId() == null ? sql.bindNull("team", UUID.class) : sql.bind("team", item.teamId());
        return sql.map(WorkItems::item).one();
    }

    /** Its place in its queue, 1 for the next to be assigned. */
    Mono<Integer> position(WorkItem item) {
        var sql = db.sql("select count(*) as ahead from work_items w where w.org_id = :org and w.status = 'QUEUED' and w.portal_id = :portal "
                        + "and w.team_id is not distinct from :team and w.channel = :channel and w.client_id = :client and w.queue_seq < :seq")
                .bind("org", item.orgId()).bind("portal", item.portalId()).bind("channel", item.channel()).bind("client", item.clientId())
                .bind("seq", item.queueSeq());
        sql = item.teamId() == null ? sql.bindNull("team", UUID.class) : sql.bind("team", item.teamId());
        return sql.map(row -> row.get("ahead", Long.class).intValue() + 1).one();
    }

    /** The open work {@code userId} holds, in queue order; only in {@code portalId} when given. */
    Flux<WorkItem> heldBy(UUID orgId, UUID userId, Optional<UUID> portalId) {
        var sql = db.sql("select " + COLUMNS + " from work_items w where w.org_id = :org and w.status = 'ASSIGNED' and w.assignee_id = :user "
                        + (portalId.isPresent() ? "and w.portal_id = :portal " : "") + "order by w.queue_seq for update")
                .bind("org", orgId).bind("user", userId);
        if (portalId.isPresent()) {
            sql = sql.bind("portal", portalId.get());
        }
        return sql.map(WorkItems::item).all();
    }

    /** The open work of {@code userId} in the team, in queue order. */
    Flux<WorkItem> heldInTeam(UUID orgId, UUID userId, UUID teamId) {
        return db.sql("select " + COLUMNS + " from work_items w where w.org_id = :org and w.status = 'ASSIGNED' and w.assignee_id = :user "
                        + "and w.team_id = :team order by w.queue_seq for update")
                .bind("org", orgId).bind("user", userId).bind("team", teamId)
                .map(WorkItems::item).all();
    }

    /** Open work of an archived portal, in queue order. */
    Flux<WorkItem> openIn(UUID orgId, UUID portalId) {
        return db.sql("select " + COLUMNS + " from work_items w where w.org_id = :org and w.portal_id = :portal and w.status <> 'CLOSED' "
                        + "order by w.queue_seq for update")
                .bind("org", orgId).bind("portal", portalId).map(WorkItems::item).all();
    }

    /** Back to the queue at its original place (queue_seq is kept). */
    Mono<Void> requeue(UUID id) {
        return db.sql("update work_items set status = 'QUEUED', assignee_id = null, assigned_at = null where id = :id")
                .bind("id", id).fetch().rowsUpdated().then();
    }

    /** Back in its queue, taken from {@code from} by a manager: the claim will not give it back to them. */
    Mono<Void> requeueUnassigned(UUID id, UUID from) {
        return db.sql("update work_items set status = 'QUEUED', assignee_id = null, assigned_at = null, unassigned_from = :from where id = :id")
                .bind("id", id).bind("from", from).fetch().rowsUpdated().then();
    }

    Mono<Void> moveToPortal(UUID id, UUID portalId) {
        return db.sql("update work_items set portal_id = :portal, team_id = null where id = :id")
                .bind("id", id).bind("portal", portalId).fetch().rowsUpdated().then();
    }

    Mono<Void> assignTo(UUID id, UUID userId, Instant at) {
        return db.sql("update work_items set status = 'ASSIGNED', assignee_id = :user, assigned_at = :at, unassigned_from = null where id = :id")
                .bind("id", id).bind("user", userId).bind("at", at).fetch().rowsUpdated().then();
    }

    Mono<Void> close(UUID id, Instant at) {
        return db.sql("update work_items set status = 'CLOSED', closed_at = :at where id = :id")
                .bind("id", id).bind("at", at).fetch().rowsUpdated().then();
    }

    Mono<Void> replied(UUID id, Instant at) {
        return db.sql("update work_items set last_reply_at = :at where id = :id")
                .bind("id", id).bind("at", at).fetch().rowsUpdated().then();
    }

    /** Organizations that have queued work: what the safety net drains. */
    Flux<UUID> orgsWithQueuedWork() {
        return db.sql("select distinct org_id from work_items where status = 'QUEUED'")
                .map(row -> row.get("org_id", UUID.class)).all();
    }

    /** The queued work of one channel, over every organization: how many items, and the longest wait since opening (seconds). */
    record QueuedOnChannel(String channel, long length, double oldestWaitSeconds) {
    }

    /** The queues' figures by channel (channels with nothing queued are absent), for the queue gauges. */
    Flux<QueuedOnChannel> queuedByChannel() {
        return db.sql("""
                        select channel, count(*) as length,
                               cast(extract(epoch from clock_timestamp() - min(opened_at)) as double precision) as wait
                        from work_items where status = 'QUEUED' group by channel""")
                .map(row -> new QueuedOnChannel(row.get("channel", String.class), row.get("length", Long.class), Math.max(0, row.get("wait", Double.class))))
                .all();
    }

    /** The strategy that routes the item: its team's, or its portal's when it targets none. */
    Mono<Strategy> strategyOf(WorkItem item) {
        var sql = db.sql("select coalesce(t.strategy, p.strategy) as strategy from portals p left join teams t on t.id = :team where p.id = :portal")
                .bind("portal", item.portalId());
        sql = item.teamId() == null ? sql.bindNull("team", UUID.class) : sql.bind("team", item.teamId());
        return sql.map(row -> Strategy.valueOf(row.get("strategy", String.class))).one().defaultIfEmpty(Strategy.ROUND_ROBIN);
    }

    /** A deleted team's open work targets its portal from now on. */
    Mono<Void> leaveTeam(UUID orgId, UUID teamId) {
        return db.sql("update work_items set team_id = null where org_id = :org and team_id = :team and status <> 'CLOSED'")
                .bind("org", orgId).bind("team", teamId)
                .fetch().rowsUpdated().then();
    }

    /** A lead's new status. */
    Mono<Void> leadStatus(UUID id, String statusId) {
        return db.sql("update work_items set status_id = :status where id = :id and kind = 'LEAD'")
                .bind("id", id).bind("status", statusId).fetch().rowsUpdated().then();
    }

    /** A page of a portal's conversations (or leads), newest first; only {@code assignee}'s when given. */
    Flux<WorkItem> inPortal(UUID orgId, UUID portalId, Kind kind, UUID assignee, WorkStatus status, PageCursor before, int limit) {
        var sql = db.sql("select " + COLUMNS + " from work_items w where w.org_id = :org and w.portal_id = :portal and w.kind = :kind "
                        + (assignee != null ? "and w.assignee_id = :assignee " : "") + (status != null ? "and w.status = :status " : "")
                        + (before != null ? "and (w.opened_at, w.id) < (:beforeAt, :beforeId) " : "") + "order by w.opened_at desc, w.id desc limit :limit")
                .bind("org", orgId).bind("portal", portalId).bind("kind", kind.name()).bind("limit", limit);
        if (assignee != null) {
            sql = sql.bind("assignee", assignee);
        }
        if (status != null) {
            sql = sql.bind("status", status.name());
        }
        if (before != null) {
            sql = sql.bind("beforeAt", before.openedAt()).bind("beforeId", before.id());
        }
        return sql.map(WorkItems::item).all();
    }

    /** What waits in these portals, in queue order. */
    Flux<WorkItem> queuedIn(UUID orgId, java.util.List<UUID> portalIds) {
        return db.sql("select " + COLUMNS + " from work_items w where w.org_id = :org and w.status = 'QUEUED' "
                        + "and w.portal_id = any(:portals) order by w.queue_seq")
                .bind("org", orgId).bind("portals", portalIds.toArray(UUID[]::new))
                .map(WorkItems::item).all();
    }

    /** How many items of each (portal, channel, client) were assigned since {@code since}: the queues' recent pace. */
    Mono<java.util.Map<WorkItem.QueueKey, Long>> assignedSince(UUID orgId, java.util.List<UUID> portalIds, Instant since) {
        return db.sql("select portal_id, channel, client_id, count(*) as n from work_items "
                        + "where org_id = :org and portal_id = any(:portals) and assigned_at > :since group by portal_id, channel, client_id")
                .bind("org", orgId).bind("portals", portalIds.toArray(UUID[]::new)).bind("since", since)
                .map(row -> java.util.Map.entry(new WorkItem.QueueKey(row.get("portal_id", UUID.class), null, row.get("channel", String.class),
                        row.get("client_id", UUID.class)), row.get("n", Long.class)))
                .all().collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
    }

    static WorkItem item(Readable row) {
        return new WorkItem(row.get("id", UUID.class), row.get("org_id", UUID.class), Kind.valueOf(row.get("kind", String.class)),
                row.get("external_id", String.class), row.get("portal_id", UUID.class), row.get("team_id", UUID.class),
                row.get("client_id", UUID.class), row.get("channel", String.class), WorkStatus.valueOf(row.get("status", String.class)),
                row.get("assignee_id", UUID.class), row.get("queue_seq", Long.class), row.get("customer_name", String.class),
                row.get("subject", String.class), row.get("opened_at", Instant.class), row.get("assigned_at", Instant.class),
                row.get("closed_at", Instant.class), row.get("last_reply_at", Instant.class), row.get("source", String.class),
                row.get("status_id", String.class), row.get("unassigned_from", UUID.class));
    }
}
