package io.switchboard.org.audit;

import io.switchboard.events.access.Permission;
import io.switchboard.org.access.Members;
import io.switchboard.web.Caller;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/orgs/{orgId}/audit-log?before=&limit=}: newest first, paged by entry id. */
@RestController
class AuditController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseClient db;
    private final Members members;

    AuditController(DatabaseClient db, Members members) {
        this.db = db;
        this.members = members;
    }

    @GetMapping("/api/orgs/{orgId}/audit-log")
    Mono<AuditPage> list(@PathVariable UUID orgId, @RequestParam(required = false) Long before,
                         @RequestParam(defaultValue = "50") int limit, @AuthenticationPrincipal Jwt token) {
        int pageSize = Math.clamp(limit, 1, 200);
        return members.require(orgId, Caller.from(token), Permission.AUDIT_READ)
                .thenMany(db.sql("select id, actor_id, action, target, before_state::text as before_state, after_state::text as after_state, at "
                                + "from audit_log where org_id = :org and id < :before order by id desc limit :limit")
                        .bind("org", orgId).bind("before", before == null ? Long.MAX_VALUE : before).bind("limit", pageSize)
                        .map(row -> new AuditEntry(row.get("id", Long.class), row.get("actor_id", UUID.class), row.get("action", String.class),
                                row.get("target", String.class), JSON.readTree(row.get("before_state", String.class)),
                                JSON.readTree(row.get("after_state", String.class)), row.get("at", Instant.class)))
                        .all())
                .collectList()
                .map(entries -> new AuditPage(entries, entries.size() == pageSize ? entries.getLast().id() : null));
    }

    record AuditEntry(long id, UUID actorId, String action, String target, JsonNode before, JsonNode after, Instant at) {
    }

    /** {@code nextBefore} is the {@code before} of the next page, null on the last one. */
    record AuditPage(List<AuditEntry> entries, Long nextBefore) {
    }
}
