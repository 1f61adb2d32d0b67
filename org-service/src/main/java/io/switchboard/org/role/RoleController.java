package io.switchboard.org.role;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.org.RoleDefined;
import io.switchboard.events.org.RoleDeleted;
import io.switchboard.messaging.Outbox;
import io.switchboard.org.access.Member;
import io.switchboard.org.access.Members;
import io.switchboard.org.access.Roles;
import io.switchboard.org.audit.AuditLog;
import io.switchboard.org.organization.Organizations;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The permission catalog, and custom roles: named permission sets nobody can make stronger than themselves. */
@RestController
class RoleController {

    private final DatabaseClient db;
    private final Members members;
    private final Organizations organizations;
    private final Outbox outbox;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    RoleController(DatabaseClient db, Members members, Organizations organizations, Outbox outbox, AuditLog audit,
                   ReactiveTransactionManager transactionManager) {
        this.db = db;
        this.members = members;
        this.organizations = organizations;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    record Catalog(List<String> permissions, Map<String, List<String>> builtInRoles) {
    }

    @GetMapping("/api/permissions")
    Mono<Catalog> catalog() {
        Map<String, List<String>> roles = new java.util.LinkedHashMap<>();
        for (BuiltInRole role : BuiltInRole.values()) {
            roles.put(role.name(), role.permissions().stream().map(Permission::key).sorted().toList());
        }
        return Mono.just(new Catalog(Arrays.stream(Permission.values()).map(Permission::key).toList(), roles));
    }

    @GetMapping("/api/orgs/{orgId}/roles")
    Flux<CustomRole> list(@PathVariable UUID orgId, @AuthenticationPrincipal Jwt token) {
        return members.require(orgId, Caller.from(token), Permission.ROLES_READ)
                .thenMany(db.sql("select id, name, permissions from custom_roles where org_id = :org order by name")
                        .bind("org", orgId)
                        .map(row -> role(row.get("id", UUID.class), row.get("name", String.class), List.of(row.get("permissions", String[].class))))
                        .all());
    }

    @PostMapping("/api/orgs/{orgId}/roles")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CustomRole> create(@PathVariable UUID orgId, @Valid @RequestBody RoleRequest request, @AuthenticationPrincipal Jwt token) {
        Caller caller = Caller.from(token);
        if (request.name() == null) {
            throw invalid("name", "must not be blank");
        }
        Set<Permission> granted = parse(request.permissions());
        UUID roleId = UUID.randomUUID();
        List<String> keys = granted.stream().map(Permission::key).sorted().toList();
        Mono<CustomRole> created = organizations.lock(orgId)
                .then(members.require(orgId, caller, Permission.ROLES_MANAGE))
                .flatMap(actor -> requireHolds(actor, granted)
                        .then(db.sql("insert into custom_roles (id, org_id, name, permissions) values (:id, :org, :name, :perms)")
                                .bind("id", roleId).bind("org", orgId).bind("name", request.name().trim()).bind("perms", keys.toArray(String[]::new))
                                .fetch().rowsUpdated())
                        .onErrorMap(e -> e.getMessage() != null && e.getMessage().contains("custom_roles_org_id_name_key"),
                                e -> new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "A role named " + request.name().trim() + " exists."))
                        .then(outbox.append(EventCatalog.ROLE_DEFINED, orgId, caller.userId().toString(), new RoleDefined(orgId, roleId, request.name().trim(), keys)))
                        .then(audit.record(orgId, caller.userId(), "role.created", "role:" + roleId, Map.of(),
                                Map.of("name", request.name().trim(), "permissions", keys)))
                        .thenReturn(role(roleId, request.name().trim(), keys)));
        return tx.transactional(created);
    }

    @PatchMapping("/api/orgs/{orgId}/roles/{roleId}")
    Mono<CustomRole> update(@PathVariable UUID orgId, @PathVariable UUID roleId, @Valid @RequestBody UpdateRoleRequest request,
                            @AuthenticationPrincipal Jwt token) {
        Caller caller = Caller.from(token);
        Set<Permission> requested = request.permissions() == null ? null : parse(request.permissions());
        Mono<CustomRole> updated = organizations.lock(orgId)
                .then(members.require(orgId, caller, Permission.ROLES_MANAGE))
                .flatMap(actor -> db.sql("select id, name, permissions from custom_roles where org_id = :org and id = :id")
                        .bind("org", orgId).bind("id", roleId)
                        .map(row -> role(row.get("id", UUID.class), row.get("name", String.class), List.of(row.get("permissions", String[].class))))
                        .one()
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("role " + roleId)))
                        .flatMap(before -> {
                            Set<Permission> current = parse(before.permissions());
                            Set<Permission> next = requested == null ? current : requested;
                            List<String> keys = next.stream().map(Permission::key).sorted().toList();
                            String name = request.name() == null ? before.name() : request.name().trim();
                            // editing a role is granting it again, to everyone who holds it: both sets must be the editor's
                            return requireHolds(actor, current).then(requireHolds(actor, next))
                                    .then(db.sql("update custom_roles set name = :name, permissions = :perms where id = :id")
                                            .bind("name", name).bind("perms", keys.toArray(String[]::new)).bind("id", roleId).fetch().rowsUpdated())
                                    .then(outbox.append(EventCatalog.ROLE_DEFINED, orgId, caller.userId().toString(), new RoleDefined(orgId, roleId, name, keys)))
                                    .then(audit.record(orgId, caller.userId(), "role.updated", "role:" + roleId,
                                            Map.of("name", before.name(), "permissions", before.permissions()), Map.of("name", name, "permissions", keys)))
                                    .thenReturn(role(roleId, name, keys));
                        }));
        return tx.transactional(updated);
    }

    @DeleteMapping("/api/orgs/{orgId}/roles/{roleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable UUID orgId, @PathVariable UUID roleId, @AuthenticationPrincipal Jwt token) {
        Caller caller = Caller.from(token);
        Mono<Void> deleted = organizations.lock(orgId)
                .then(members.require(orgId, caller, Permission.ROLES_MANAGE))
                .flatMap(actor -> db.sql("select count(*) from memberships where org_id = :org and role = :role and status <> 'REMOVED'")
                        .bind("org", orgId).bind("role", Roles.CUSTOM_PREFIX + roleId).map(row -> row.get(0, Long.class)).one()
                        .flatMap(holders -> holders > 0
                                ? Mono.<Long>error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("role-in-use"),
                                        holders + " member(s) hold this role; give them another role first."))
                                : db.sql("delete from custom_roles where org_id = :org and id = :id").bind("org", orgId).bind("id", roleId)
                                        .fetch().rowsUpdated())
                        .flatMap(rows -> rows == 0 ? Mono.error(ProblemException.notFound("role " + roleId))
                                : outbox.append(EventCatalog.ROLE_DELETED, orgId, caller.userId().toString(), new RoleDeleted(orgId, roleId))
                                        .then(audit.record(orgId, caller.userId(), "role.deleted", "role:" + roleId, Map.of("role", roleId.toString()), Map.of()))));
        return tx.transactional(deleted);
    }

    private static Mono<Void> requireHolds(Member actor, Set<Permission> granted) {
        return actor.permissions().containsAll(granted) ? Mono.empty()
                : Mono.error(ProblemException.forbidden("You cannot grant permissions you do not hold."));
    }

    private static Set<Permission> parse(List<String> keys) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String key : keys) {
            permissions.add(Permission.byKey(key).orElseThrow(() -> invalid("permissions", "unknown permission " + key)));
        }
        return permissions;
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    private static CustomRole role(UUID id, String name, List<String> permissions) {
        return new CustomRole(id, name, Roles.CUSTOM_PREFIX + id, permissions);
    }
}
