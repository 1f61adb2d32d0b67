package io.switchboard.org.access;

import io.switchboard.events.access.Permission;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads memberships, and answers whether a caller may act in an organization. */
@Component
public class Members {

    private static final String SELECT = "select m.org_id, m.user_id, m.role, m.status, m.email, m.display_name, m.joined_at "
            + "from memberships m join organizations o on o.id = m.org_id and o.deleted_at is null ";

    private final DatabaseClient db;
    private final Roles roles;

    Members(DatabaseClient db, Roles roles) {
        this.db = db;
        this.roles = roles;
    }

    public Mono<Member> find(UUID orgId, UUID userId) {
        return db.sql(SELECT + "where m.org_id = :org and m.user_id = :user")
                .bind("org", orgId).bind("user", userId)
                .map(row -> new Row(row.get("org_id", UUID.class), row.get("user_id", UUID.class), row.get("role", String.class),
                        row.get("status", String.class), row.get("email", String.class), row.get("display_name", String.class),
                        row.get("joined_at", Instant.class)))
                .one()
                .flatMap(this::withPermissions);
    }

    public Flux<Member> ofOrg(UUID orgId) {
        return db.sql(SELECT + "where m.org_id = :org and m.status <> 'REMOVED' order by m.joined_at, m.user_id")
                .bind("org", orgId)
                .map(row -> new Row(row.get("org_id", UUID.class), row.get("user_id", UUID.class), row.get("role", String.class),
                        row.get("status", String.class), row.get("email", String.class), row.get("display_name", String.class),
                        row.get("joined_at", Instant.class)))
                .all()
                .concatMap(this::withPermissions);
    }

    /**
     * The caller's active membership if it grants the permission. Not a member (or removed, or the org is
     * gone) answers 404, so ids of other organizations reveal nothing; a member without the permission gets 403.
     */
    public Mono<Member> require(UUID orgId, Caller caller, Permission permission) {
        return find(orgId, caller.userId())
                .filter(Member::isActive)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)))
                .flatMap(member -> member.can(permission) ? Mono.just(member)
                        : Mono.error(ProblemException.forbidden("Your role does not allow " + permission.key() + ".")));
    }

    private Mono<Member> withPermissions(Row row) {
        return roles.permissionsOf(row.orgId(), row.role())
                .onErrorResume(ProblemException.class, deletedRole -> Mono.just(java.util.Set.of()))
                .map(permissions -> new Member(row.orgId(), row.userId(), row.role(), row.status(), row.email(), row.displayName(),
                        row.joinedAt(), permissions));
    }

    private record Row(UUID orgId, UUID userId, String role, String status, String email, String displayName, Instant joinedAt) {
    }
}
