package io.switchboard.org.audit;

import io.r2dbc.postgresql.codec.Json;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Appends to the audit log; call it inside the transaction of the change it records. */
@Component
public class AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseClient db;

    AuditLog(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> record(UUID orgId, UUID actorId, String action, String target, Map<String, ?> before, Map<String, ?> after) {
        return db.sql("insert into audit_log (org_id, actor_id, action, target, before_state, after_state) "
                        + "values (:org, :actor, :action, :target, :before, :after)")
                .bind("org", orgId)
                .bind("actor", actorId)
                .bind("action", action)
                .bind("target", target)
                .bind("before", json(before))
                .bind("after", json(after))
                .fetch().rowsUpdated().then();
    }

    private static Json json(Map<String, ?> state) {
        return Json.of(JSON.writeValueAsString(state == null ? Map.of() : state));
    }
}
