package io.switchboard.org.portal;

import io.r2dbc.spi.Readable;
import io.switchboard.events.access.PortalRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The repository of the portal memberships projection: who is in which portal of an organization with which
 * portal role, from portal-service's events. Every query is scoped by organization.
 */
@Component
public class PortalMemberships {

    private final DatabaseClient db;

    PortalMemberships(DatabaseClient db) {
        this.db = db;
    }

    /** The member's portals in this organization, ordered by portal id (empty when in none). */
    public Mono<List<PortalMembership>> of(UUID orgId, UUID userId) {
        return db.sql("select portal_id, portal_role from portal_memberships where org_id = :org and user_id = :user order by portal_id")
                .bind("org", orgId).bind("user", userId)
                .map(row -> new PortalMembership(row.get("portal_id", UUID.class), role(row)))
                .all()
                .collectList();
    }

    /** Every member's portals in this organization, by user id, each list ordered by portal id. */
    public Mono<Map<UUID, List<PortalMembership>>> ofOrg(UUID orgId) {
        return db.sql("select user_id, portal_id, portal_role from portal_memberships where org_id = :org order by user_id, portal_id")
                .bind("org", orgId)
                .map(row -> Map.entry(row.get("user_id", UUID.class), new PortalMembership(row.get("portal_id", UUID.class), role(row))))
                .all()
                .collectList()
                .map(rows -> rows.stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList()))));
    }

    /** Puts the member in the portal with this role, or changes their role there. */
    Mono<Void> put(UUID orgId, UUID portalId, UUID userId, PortalRole role) {
        return db.sql("insert into portal_memberships (org_id, portal_id, user_id, portal_role) values (:org, :portal, :user, :role) "
                        + "on conflict (org_id, portal_id, user_id) do update set portal_role = excluded.portal_role, updated_at = now()")
                .bind("org", orgId).bind("portal", portalId).bind("user", userId).bind("role", role.name())
                .fetch().rowsUpdated().then();
    }

    Mono<Void> remove(UUID orgId, UUID portalId, UUID userId) {
        return db.sql("delete from portal_memberships where org_id = :org and portal_id = :portal and user_id = :user")
                .bind("org", orgId).bind("portal", portalId).bind("user", userId)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> removePortal(UUID orgId, UUID portalId) {
        return db.sql("delete from portal_memberships where org_id = :org and portal_id = :portal")
                .bind("org", orgId).bind("portal", portalId)
                .fetch().rowsUpdated().then();
    }

    private static PortalRole role(Readable row) {
        return PortalRole.valueOf(row.get("portal_role", String.class));
    }
}
