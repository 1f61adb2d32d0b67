package io.switchboard.org.access;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Resolves a role name (built-in or {@code custom:<id>}) of an organization to its permissions. */
@Component
public class Roles {

    public static final String CUSTOM_PREFIX = "custom:";

    private final DatabaseClient db;

    Roles(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Set<Permission>> permissionsOf(UUID orgId, String role) {
        var builtIn = BuiltInRole.byName(role);
        if (builtIn.isPresent()) {
            return Mono.just(builtIn.get().permissions());
        }
        UUID roleId = customRoleId(role);
        return db.sql("select permissions from custom_roles where org_id = :org and id = :id")
                .bind("org", orgId).bind("id", roleId)
                .map(row -> toPermissions(row.get("permissions", String[].class)))
                .one()
                .switchIfEmpty(Mono.error(() -> new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                        "role " + role + " does not exist in this organization", java.util.Map.of("errors",
                        List.of(java.util.Map.of("field", "role", "message", "unknown role"))))));
    }

    public static UUID customRoleId(String role) {
        if (role == null || !role.startsWith(CUSTOM_PREFIX)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                    "role must be one of OWNER, ADMIN, MANAGER, AGENT, VIEWER or custom:<roleId>",
                    java.util.Map.of("errors", List.of(java.util.Map.of("field", "role", "message", "unknown role"))));
        }
        try {
            return UUID.fromString(role.substring(CUSTOM_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "custom role id is not a UUID",
                    java.util.Map.of("errors", List.of(java.util.Map.of("field", "role", "message", "not a UUID"))));
        }
    }

    static Set<Permission> toPermissions(String[] keys) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String key : keys) {
            Permission.byKey(key).ifPresent(permissions::add);
        }
        return permissions;
    }
}
