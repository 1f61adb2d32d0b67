package io.switchboard.routing.clients;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The repository of clients. Every query is scoped by the organization. */
@Component
class Clients {

    static final String NAME_UNIQUE = "clients_name_unique";
    private static final String COLUMNS = "c.id, c.org_id, c.name, c.created_at, c.deleted_at";

    private final DatabaseClient db;

    Clients(DatabaseClient db) {
        this.db = db;
    }

    /** A client of the organization that is not deleted. */
    Mono<Client> find(UUID orgId, UUID clientId) {
        return db.sql("select " + COLUMNS + " from clients c where c.org_id = :org and c.id = :id and c.deleted_at is null")
                .bind("org", orgId).bind("id", clientId).map(Clients::read).one();
    }

    Flux<Client> list(UUID orgId) {
        return db.sql("select " + COLUMNS + " from clients c where c.org_id = :org and c.deleted_at is null order by lower(c.name), c.id")
                .bind("org", orgId).map(Clients::read).all();
    }

    /** Those of {@code ids} that are clients of the organization, not deleted. */
    Flux<UUID> existing(UUID orgId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select c.id from clients c where c.org_id = :org and c.id = any(:ids) and c.deleted_at is null")
                .bind("org", orgId).bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class)).all();
    }

    Mono<Void> insert(Client client) {
        return db.sql("insert into clients (id, org_id, name, created_at) values (:id, :org, :name, :createdAt)")
                .bind("id", client.id()).bind("org", client.orgId()).bind("name", client.name()).bind("createdAt", client.createdAt())
                .fetch().rowsUpdated().then();
    }

    Mono<Void> save(Client client) {
        var sql = db.sql("update clients set name = :name, deleted_at = :deletedAt where org_id = :org and id = :id")
                .bind("org", client.orgId()).bind("id", client.id()).bind("name", client.name());
        sql = client.deletedAt() == null ? sql.bindNull("deletedAt", Instant.class) : sql.bind("deletedAt", client.deletedAt());
        return sql.fetch().rowsUpdated().then();
    }

    /** Takes the client out of every member's routing profile; answers how many members had it. */
    Mono<Long> removeFromProfiles(UUID orgId, UUID clientId) {
        return db.sql("with removed as (delete from profile_clients where org_id = :org and client_id = :client returning user_id) "
                        + "select count(distinct user_id) as members from removed")
                .bind("org", orgId).bind("client", clientId)
                .map(row -> row.get("members", Long.class)).one();
    }

    /** How many of the client's conversations wait in a queue. */
    Mono<Long> queuedWork(UUID orgId, UUID clientId) {
        return db.sql("select count(*) as queued from work_items where org_id = :org and client_id = :client and status = 'QUEUED'")
                .bind("org", orgId).bind("client", clientId)
                .map(row -> row.get("queued", Long.class)).one();
    }

    private static Client read(Readable row) {
        return new Client(row.get("id", UUID.class), row.get("org_id", UUID.class), row.get("name", String.class),
                row.get("created_at", Instant.class), row.get("deleted_at", Instant.class));
    }
}
