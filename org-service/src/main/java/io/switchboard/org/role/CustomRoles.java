package io.switchboard.org.role;

import io.r2dbc.spi.Readable;
import io.switchboard.messaging.change.Constraints;
import io.switchboard.org.access.Roles;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The repository of custom roles; every statement is scoped by organization. */
@Component
class CustomRoles {

    private static final String UNIQUE_NAME = "custom_roles_org_id_name_key";

    private final DatabaseClient db;

    CustomRoles(DatabaseClient db) {
        this.db = db;
    }

    Flux<CustomRole> ofOrg(UUID orgId) {
        return db.sql("select id, org_id, name, permissions from custom_roles where org_id = :org order by name")
                .bind("org", orgId).map(CustomRoles::read).all();
    }

    Mono<CustomRole> find(UUID orgId, UUID roleId) {
        return db.sql("select id, org_id, name, permissions from custom_roles where org_id = :org and id = :id")
                .bind("org", orgId).bind("id", roleId).map(CustomRoles::read).one();
    }

    Mono<Void> insert(CustomRole role) {
        return db.sql("insert into custom_roles (id, org_id, name, permissions) values (:id, :org, :name, :perms)")
                .bind("id", role.id()).bind("org", role.orgId()).bind("name", role.name()).bind("perms", role.keys().toArray(String[]::new))
                .fetch().rowsUpdated().onErrorMap(e -> Constraints.violated(e, UNIQUE_NAME), e -> nameTaken(role)).then();
    }

    Mono<Void> save(CustomRole role) {
        return db.sql("update custom_roles set name = :name, permissions = :perms where org_id = :org and id = :id")
                .bind("name", role.name()).bind("perms", role.keys().toArray(String[]::new)).bind("org", role.orgId()).bind("id", role.id())
                .fetch().rowsUpdated().onErrorMap(e -> Constraints.violated(e, UNIQUE_NAME), e -> nameTaken(role)).then();
    }

    Mono<Void> delete(CustomRole role) {
        return db.sql("delete from custom_roles where org_id = :org and id = :id").bind("org", role.orgId()).bind("id", role.id())
                .fetch().rowsUpdated().then();
    }

    private static ProblemException nameTaken(CustomRole role) {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "A role named " + role.name() + " exists.");
    }

    private static CustomRole read(Readable row) {
        return new CustomRole(row.get("id", UUID.class), row.get("org_id", UUID.class), row.get("name", String.class),
                Roles.toPermissions(row.get("permissions", String[].class)));
    }
}
