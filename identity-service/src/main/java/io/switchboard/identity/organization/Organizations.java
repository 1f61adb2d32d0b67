package io.switchboard.identity.organization;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The {@code organizations} table, from org.organizations.v1: each organization's name (for mails and look-ups)
 * and the one setting identity-service decides with, whether MANAGERs may invite MANAGERs.
 */
@Repository
public class Organizations {

    private final DatabaseClient db;

    Organizations(DatabaseClient db) {
        this.db = db;
    }

    /** The name, or empty while the org's event has not arrived yet. */
    public Mono<String> name(UUID orgId) {
        return db.sql("select name from organizations where id = :id").bind("id", orgId)
                .map(row -> row.get("name", String.class)).one();
    }

    /** The org's setting; off for an org whose events have not arrived yet (the safe answer). */
    public Mono<Boolean> managersMayInviteManagers(UUID orgId) {
        return db.sql("select managers_may_invite_managers from organizations where id = :id").bind("id", orgId)
                .map(row -> Boolean.TRUE.equals(row.get("managers_may_invite_managers", Boolean.class))).one()
                .defaultIfEmpty(false);
    }

    /** org.organization.created: a new org, setting off. A row already there keeps its setting (only the name is written again). */
    public Mono<Void> created(UUID orgId, String name) {
        return db.sql("insert into organizations (id, name, managers_may_invite_managers) values (:id, :name, false) "
                        + "on conflict (id) do update set name = excluded.name")
                .bind("id", orgId).bind("name", name).fetch().rowsUpdated().then();
    }

    /** org.organization.updated: the org's settings now (writing the same values again changes nothing). */
    public Mono<Void> updated(UUID orgId, String name, boolean managersMayInviteManagers) {
        return db.sql("insert into organizations (id, name, managers_may_invite_managers) values (:id, :name, :managers) "
                        + "on conflict (id) do update set name = excluded.name, managers_may_invite_managers = excluded.managers_may_invite_managers")
                .bind("id", orgId).bind("name", name).bind("managers", managersMayInviteManagers).fetch().rowsUpdated().then();
    }
}
