package io.switchboard.routing.leadstatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The repository of lead statuses (lead_statuses) and of leads' status history (lead_status_history). */
@Component
class LeadStatusStore {

    /** One status change as stored. */
    record Change(String fromStatusId, String toStatusId, UUID changedBy, Instant changedAt) {
    }

    private final DatabaseClient db;

    LeadStatusStore(DatabaseClient db) {
        this.db = db;
    }

    /** The organization's statuses in order; the default list when it never edited them. */
    Mono<LeadStatusList> list(UUID orgId) {
        return db.sql("select id, name, outcome from lead_statuses where org_id = :org order by position")
                .bind("org", orgId)
                .map(row -> new LeadStatus(row.get("id", String.class), row.get("name", String.class), LeadOutcome.valueOf(row.get("outcome", String.class))))
                .all().collectList()
                .map(rows -> rows.isEmpty() ? LeadStatusList.DEFAULT : new LeadStatusList(rows));
    }

    Mono<Void> save(UUID orgId, LeadStatusList list) {
        Mono<Void> clear = db.sql("delete from lead_statuses where org_id = :org").bind("org", orgId).fetch().rowsUpdated().then();
        List<LeadStatus> statuses = list.statuses();
        return clear.thenMany(Flux.range(0, statuses.size())
                        .concatMap(i -> db.sql("insert into lead_statuses (org_id, id, name, outcome, position) values (:org, :id, :name, :outcome, :position)")
                                .bind("org", orgId).bind("id", statuses.get(i).id()).bind("name", statuses.get(i).name())
                                .bind("outcome", statuses.get(i).outcome().name()).bind("position", i)
                                .fetch().rowsUpdated()))
                .then();
    }

    /** How many leads (open or closed) have each status. */
    Mono<Map<String, Integer>> leadsByStatus(UUID orgId) {
        return db.sql("select status_id, count(*) as n from work_items where org_id = :org and kind = 'LEAD' group by status_id")
                .bind("org", orgId)
                .map(row -> Map.entry(row.get("status_id", String.class), row.get("n", Long.class).intValue()))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Moves every lead of status {@code from} to {@code to}, with a history row each. */
    Mono<Void> move(UUID orgId, String from, String to, UUID by, Instant at) {
        var history = db.sql("insert into lead_status_history (id, org_id, work_id, from_status_id, to_status_id, changed_by, changed_at) "
                        + "select gen_random_uuid(), org_id, id, status_id, :to, :by, :at from work_items where org_id = :org and kind = 'LEAD' and status_id = :from")
                .bind("org", orgId).bind("from", from).bind("to", to).bind("at", at);
        history = by == null ? history.bindNull("by", UUID.class) : history.bind("by", by);
        return history.fetch().rowsUpdated()
                .then(db.sql("update work_items set status_id = :to where org_id = :org and kind = 'LEAD' and status_id = :from")
                        .bind("org", orgId).bind("from", from).bind("to", to).fetch().rowsUpdated())
                .then();
    }

    Mono<Void> record(UUID orgId, UUID workId, String from, String to, UUID by, Instant at) {
        var sql = db.sql("insert into lead_status_history (id, org_id, work_id, from_status_id, to_status_id, changed_by, changed_at) "
                        + "values (:id, :org, :work, :from, :to, :by, :at)")
                .bind("id", UUID.randomUUID()).bind("org", orgId).bind("work", workId).bind("from", from).bind("to", to).bind("at", at);
        sql = by == null ? sql.bindNull("by", UUID.class) : sql.bind("by", by);
        return sql.fetch().rowsUpdated().then();
    }

    Flux<Change> history(UUID orgId, UUID workId) {
        return db.sql("select from_status_id, to_status_id, changed_by, changed_at from lead_status_history where org_id = :org and work_id = :work "
                        + "order by changed_at, id")
                .bind("org", orgId).bind("work", workId)
                .map(row -> new Change(row.get("from_status_id", String.class), row.get("to_status_id", String.class),
                        row.get("changed_by", UUID.class), row.get("changed_at", Instant.class)))
                .all();
    }
}
