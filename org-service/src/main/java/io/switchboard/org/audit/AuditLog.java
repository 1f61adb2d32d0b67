package io.switchboard.org.audit;

import io.r2dbc.postgresql.codec.Json;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.AuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository of the append-only audit log (a trigger refuses updates and deletes). {@link #record} runs
 * inside the transaction of the change it records.
 */
@Component
public class AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseClient db;

    AuditLog(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> record(UUID orgId, Actor actor, AuditEntry entry) {
        var insert = db.sql("insert into audit_log (org_id, actor_id, actor, action, target, before_state, after_state) "
                        + "values (:org, :actorId, :actor, :action, :target, :before, :after)")
                .bind("org", orgId)
                .bind("actor", actor.name())
                .bind("action", entry.action())
                .bind("target", entry.target())
                .bind("before", json(entry.before()))
                .bind("after", json(entry.after()));
        insert = actor.userId() == null ? insert.bindNull("actorId", UUID.class) : insert.bind("actorId", actor.userId());
        return insert.fetch().rowsUpdated().then();
    }

    /**
     * Appends an entry another service recorded (with the time it gives, or now when it gives none), provided
     * the organization is known here (deleted or not); answers whether it was appended.
     */
    public Mono<Boolean> appendIfOrganizationKnown(UUID orgId, Actor actor, AuditEntry entry, Instant at) {
        var insert = db.sql("insert into audit_log (org_id, actor_id, actor, action, target, before_state, after_state, at) "
                        + "select :org, :actorId, :actor, :action, :target, :before, :after, coalesce(:at, now()) "
                        + "where exists (select 1 from organizations where id = :known)")
                .bind("org", orgId)
                .bind("known", orgId)
                .bind("actor", actor.name())
                .bind("action", entry.action())
                .bind("before", json(entry.before()))
                .bind("after", json(entry.after()));
        insert = actor.userId() == null ? insert.bindNull("actorId", UUID.class) : insert.bind("actorId", actor.userId());
        insert = entry.target() == null ? insert.bindNull("target", String.class) : insert.bind("target", entry.target());
        insert = at == null ? insert.bindNull("at", Instant.class) : insert.bind("at", at);
        return insert.fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Newest first, entries with an id below {@code before}. */
    Flux<Entry> page(UUID orgId, long before, int limit) {
        return db.sql("select id, actor_id, coalesce(actor, actor_id::text) as actor, action, target, before_state::text as before_state, "
                        + "after_state::text as after_state, at from audit_log where org_id = :org and id < :before order by id desc limit :limit")
                .bind("org", orgId).bind("before", before).bind("limit", limit)
                .map(row -> new Entry(row.get("id", Long.class), row.get("actor_id", UUID.class), row.get("actor", String.class),
                        row.get("action", String.class), row.get("target", String.class), JSON.readTree(row.get("before_state", String.class)),
                        JSON.readTree(row.get("after_state", String.class)), row.get("at", Instant.class)))
                .all();
    }

    private static Json json(Map<String, ?> state) {
        return Json.of(JSON.writeValueAsString(state == null ? Map.of() : state));
    }

    /** {@code actorId} is null when no person acted; {@code actor} then names who did ("system", "billing"). */
    record Entry(long id, UUID actorId, String actor, String action, String target, JsonNode before, JsonNode after, Instant at) {
    }

    /** {@code nextBefore} is the {@code before} of the next page, null on the last one. */
    record Page(List<Entry> entries, Long nextBefore) {
    }
}
