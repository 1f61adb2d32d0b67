package io.switchboard.org.audit;

import io.switchboard.events.access.Permission;
import io.switchboard.org.access.Members;
import io.switchboard.web.Caller;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/orgs/{orgId}/audit-log?before=&limit=}: newest first, paged by entry id. */
@RestController
class AuditController {

    private final AuditLog audit;
    private final Members members;

    AuditController(AuditLog audit, Members members) {
        this.audit = audit;
        this.members = members;
    }

    @GetMapping("/api/orgs/{orgId}/audit-log")
    Mono<AuditLog.Page> list(@PathVariable UUID orgId, @RequestParam(required = false) Long before,
                             @RequestParam(defaultValue = "50") int limit, @AuthenticationPrincipal Jwt token) {
        int pageSize = Math.clamp(limit, 1, 200);
        return members.require(orgId, Caller.from(token), Permission.AUDIT_READ)
                .thenMany(audit.page(orgId, before == null ? Long.MAX_VALUE : before, pageSize))
                .collectList()
                .map(entries -> new AuditLog.Page(entries, entries.size() == pageSize ? entries.getLast().id() : null));
    }
}
