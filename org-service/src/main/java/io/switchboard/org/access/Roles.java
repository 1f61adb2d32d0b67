package io.switchboard.org.access;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.org.RoleDefined;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Resolves a role name (built-in or {@code custom:<id>}) of an organization to its permissions; reads custom roles for their state. */
@Component
public class Roles {

    public static final String CUSTOM_PREFIX = "custom:";

    private final DatabaseClient db;

    Roles(DatabaseClient db) {
        this.db = db;
    }

    /** The role's permissions; a role that is neither built-in nor a custom role of this org is a 400 naming field {@code role}. */
    public Mono<Set<Permission>> permissionsOf(UUID orgId, String role) {
        var builtIn = BuiltInRole.byName(role);
        if (builtIn.isPresent()) {
            return Mono.just(builtIn.get().permissions());
        }
        UUID roleId;
        try {
            roleId = customRoleId(role);
        } catch (ProblemException invalid) {
            return Mono.error(invalid);
        }
        return db.sql("select permissions from custom_roles where org_id = :org and id = :id")
                .bind("org", orgId).bind("id", roleId)
                .map(row -> toPermissions(row.get("permissions", String[].class)))
                .one()
                .switchIfEmpty(Mono.error(() -> invalidRole("role " + role + " does not exist in this organization", "unknown role")));
    }

    /** A custom role's name and permission keys as org.membership-state.v1 carries it; empty when it does not exist. */
    public Mono<RoleDefined> definition(UUID orgId, UUID roleId) {
        return db.sql("select name, permissions from custom_roles where org_id = :org and id = :id")
                .bind("org", orgId).bind("id", roleId)
                .map(row -> new RoleDefined(orgId, roleId, row.get("name", String.class), Arrays.asList(row.get("permissions", String[].class))))
                .one();
    }

    /** The ids of the organization's custom roles. */
    public Flux<UUID> customRoleIds(UUID orgId) {
        return db.sql("select id from custom_roles where org_id = :org order by id")
                .bind("org", orgId)
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    public static UUID customRoleId(String role) {
        if (role == null || !role.startsWith(CUSTOM_PREFIX)) {
            throw invalidRole("role must be one of OWNER, ADMIN, MANAGER, AGENT, VIEWER or custom:<roleId>", "unknown role");
        }
        try {
            return UUID.fromString(role.substring(CUSTOM_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw invalidRole("custom role id is not a UUID", "not a UUID");
        }
    }

    public static Set<Permission> toPermissions(String[] keys) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String key : keys) {
            Permission.byKey(key).ifPresent(permissions::add);
        }
        return permissions;
    }

    private static ProblemException invalidRole(String detail, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, detail,
                Map.of("errors", List.of(Map.of("field", "role", "message", message))));
    }
}
