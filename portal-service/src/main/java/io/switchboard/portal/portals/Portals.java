package io.switchboard.portal.portals;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The repository of portals. Every query is scoped by the organization. */
@Component
class Portals {

    static final String NAME_UNIQUE = "portals_name_unique";
    static final String ONE_DEFAULT = "portals_one_default";
    private static final String COLUMNS = "p.id, p.org_id, p.name, p.description, p.accent_color, p.is_default, p.created_at, p.archived_at";

    /** A portal as listed: with its member counts and the caller's portal role (null when not a member). */
    record Listed(Portal portal, long memberCount, long availableCount, String myPortalRole) {
    }

    private final DatabaseClient db;

    Portals(DatabaseClient db) {
        this.db = db;
    }

    /** A portal of the organization that is not archived. */
    Mono<Portal> find(UUID orgId, UUID portalId) {
        return db.sql("select " + COLUMNS + " from portals p where p.org_id = :org and p.id = :id and p.archived_at is null")
                .bind("org", orgId).bind("id", portalId).map(Portals::read).one();
    }

    Mono<Portal> findDefault(UUID orgId) {
        return db.sql("select " + COLUMNS + " from portals p where p.org_id = :org and p.is_default")
                .bind("org", orgId).map(Portals::read).one();
    }

    /** Those of {@code portalIds} that are portals of the organization and not archived. */
    Flux<Portal> findAll(UUID orgId, Collection<UUID> portalIds) {
        if (portalIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select " + COLUMNS + " from portals p where p.org_id = :org and p.id = any(:ids) and p.archived_at is null order by p.created_at, p.id")
                .bind("org", orgId).bind("ids", portalIds.toArray(UUID[]::new)).map(Portals::read).all();
    }

    Flux<Listed> list(UUID orgId, UUID me, boolean includeArchived) {
        return db.sql("select " + COLUMNS + ", count(m.user_id) as member_count, count(m.user_id) filter (where m.available) as available_count, "
                        + "max(case when m.user_id = :me then m.portal_role end) as my_role "
                        + "from portals p left join portal_members m on m.portal_id = p.id "
                        + "where p.org_id = :org" + (includeArchived ? "" : " and p.archived_at is null")
                        + " group by p.id order by p.is_default desc, lower(p.name), p.id")
                .bind("org", orgId).bind("me", me)
                .map(row -> new Listed(read(row), row.get("member_count", Long.class), row.get("available_count", Long.class), row.get("my_role", String.class)))
                .all();
    }

    Mono<Listed> listed(UUID orgId, UUID portalId, UUID me) {
        return db.sql("select " + COLUMNS + ", count(m.user_id) as member_count, count(m.user_id) filter (where m.available) as available_count, "
                        + "max(case when m.user_id = :me then m.portal_role end) as my_role "
                        + "from portals p left join portal_members m on m.portal_id = p.id "
                        + "where p.org_id = :org and p.id = :id and p.archived_at is null group by p.id")
                .bind("org", orgId).bind("id", portalId).bind("me", me)
                .map(row -> new Listed(read(row), row.get("member_count", Long.class), row.get("available_count", Long.class), row.get("my_role", String.class)))
                .one();
    }

    Mono<Void> insert(Portal portal) {
        var sql = db.sql("insert into portals (id, org_id, name, description, accent_color, is_default, created_at) "
                        + "values (:id, :org, :name, :description, :color, :isDefault, :createdAt)")
                .bind("id", portal.id()).bind("org", portal.orgId()).bind("name", portal.name()).bind("isDefault", portal.isDefault())
                .bind("createdAt", portal.createdAt());
        sql = portal.description() == null ? sql.bindNull("description", String.class) : sql.bind("description", portal.description());
        sql = portal.accentColor() == null ? sql.bindNull("color", String.class) : sql.bind("color", portal.accentColor());
        return sql.fetch().rowsUpdated().then();
    }

    Mono<Void> save(Portal portal) {
        var sql = db.sql("update portals set name = :name, description = :description, accent_color = :color, archived_at = :archivedAt "
                        + "where id = :id and org_id = :org")
                .bind("id", portal.id()).bind("org", portal.orgId()).bind("name", portal.name());
        sql = portal.description() == null ? sql.bindNull("description", String.class) : sql.bind("description", portal.description());
        sql = portal.accentColor() == null ? sql.bindNull("color", String.class) : sql.bind("color", portal.accentColor());
        sql = portal.archivedAt() == null ? sql.bindNull("archivedAt", Instant.class) : sql.bind("archivedAt", portal.archivedAt());
        return sql.fetch().rowsUpdated().then();
    }

    private static Portal read(Readable row) {
        return new Portal(row.get("id", UUID.class), row.get("org_id", UUID.class), row.get("name", String.class),
                row.get("description", String.class), row.get("accent_color", String.class), Boolean.TRUE.equals(row.get("is_default", Boolean.class)),
                instant(row.get("created_at", OffsetDateTime.class)), instant(row.get("archived_at", OffsetDateTime.class)));
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
