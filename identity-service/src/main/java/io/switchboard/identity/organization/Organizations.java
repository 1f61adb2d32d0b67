package io.switchboard.identity.organization;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The {@code organizations} table: names of organizations (from org.organizations.v1), for mails and look-ups. */
@Repository
public class OrganizationNames {

    private final DatabaseClient db;

    OrganizationNames(DatabaseClient db) {
        this.db = db;
    }

    /** The name, or empty while the org's event has not arrived yet. */
    public Mono<String> name(UUID orgId) {
        return db.sql("select name from organizations where id = :id").bind("id", orgId)
                .map(row -> row.get("name", String.class)).one();
    }

    Mono<Void> upsert(UUID orgId, String name) {
        return db.sql("insert into organizations (id, name) values (:id, :name) on conflict (id) do update set name = excluded.name")
                .bind("id", orgId).bind("name", name).fetch().rowsUpdated().then();
    }
}
