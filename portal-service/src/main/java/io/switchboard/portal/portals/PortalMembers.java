package io.switchboard.portal.portals;

import io.r2dbc.spi.Readable;
import io.switchboard.events.access.PortalRole;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The repository of portal memberships (table portal_members), scoped by organization. */
@Component
class PortalMembers {

    private static final String COLUMNS = "m.portal_id, m.org_id, m.user_id, m.portal_role, m.available, m.note, m.available_since";

    private final DatabaseClient db;

    PortalMembers(DatabaseClient db) {
        this.db = db;
    }

    Mono<PortalMember> find(UUID orgId, UUID portalId, UUID userId) {
        return db.sql("select " + COLUMNS + " from portal_members m where m.org_id = :org and m.portal_id = :portal and m.user_id = :user")
                .bind("org", orgId).bind("portal", portalId).bind("user", userId).map(PortalMembers::read).one();
    }

    /** The portals someone is a member of in the organization (archived portals have no members). */
    Flux<PortalMember> ofUser(UUID orgId, UUID userId) {
        return db.sql("select " + COLUMNS + " from portal_members m where m.org_id = :org and m.user_id = :user order by m.joined_at, m.portal_id")
                .bind("org", orgId).bind("user", userId).map(PortalMembers::read).all();
    }

    Flux<PortalMember> ofPortal(UUID orgId, UUID portalId) {
        return db.sql("select " + COLUMNS + " from portal_members m where m.org_id = :org and m.portal_id = :portal order by m.joined_at, m.user_id")
                .bind("org", orgId).bind("portal", portalId).map(PortalMembers::read).all();
    }

    /** The portal's members with who they are (from org_members), as listed. */
    Flux<MemberView> views(UUID orgId, UUID portalId) {
        return db.sql("select " + COLUMNS + ", o.display_name, o.email, o.role from portal_members m "
                        + "left join org_members o on o.org_id = m.org_id and o.user_id = m.user_id "
                        + "where m.org_id = :org and m.portal_id = :portal order by lower(coalesce(o.display_name, o.email, '')), m.user_id")
                .bind("org", orgId).bind("portal", portalId)
                .map(row -> MemberView.of(read(row), row.get("display_name", String.class), row.get("email", String.class), row.get("role", String.class)))
                .all();
    }

    Mono<Void> insert(PortalMember member) {
        var sql = db.sql("insert into portal_members (portal_id, org_id, user_id, portal_role, available, note, available_since, joined_at) "
                        + "values (:portal, :org, :user, :role, :available, :note, :since, :since)")
                .bind("portal", member.portalId()).bind("org", member.orgId()).bind("user", member.userId()).bind("role", member.role().name())
                .bind("available", member.available()).bind("since", member.availableSince());
        sql = member.note() == null ? sql.bindNull("note", String.class) : sql.bind("note", member.note());
        return sql.fetch().rowsUpdated().then();
    }

    Mono<Void> save(PortalMember member) {
        var sql = db.sql("update portal_members set portal_role = :role, available = :available, note = :note, available_since = :since "
                        + "where org_id = :org and portal_id = :portal and user_id = :user")
                .bind("portal", member.portalId()).bind("org", member.orgId()).bind("user", member.userId()).bind("role", member.role().name())
                .bind("available", member.available()).bind("since", member.availableSince());
        sql = member.note() == null ? sql.bindNull("note", String.class) : sql.bind("note", member.note());
        return sql.fetch().rowsUpdated().then();
    }

    Mono<Void> delete(PortalMember member) {
        return db.sql("delete from portal_members where org_id = :org and portal_id = :portal and user_id = :user")
                .bind("org", member.orgId()).bind("portal", member.portalId()).bind("user", member.userId())
                .fetch().rowsUpdated().then();
    }

    private static PortalMember read(Readable row) {
        return new PortalMember(row.get("portal_id", UUID.class), row.get("org_id", UUID.class), row.get("user_id", UUID.class),
                PortalRole.valueOf(row.get("portal_role", String.class)), Boolean.TRUE.equals(row.get("available", Boolean.class)),
                row.get("note", String.class), Portals.instant(row.get("available_since", OffsetDateTime.class)));
    }
}
