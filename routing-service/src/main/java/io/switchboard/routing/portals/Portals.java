package io.switchboard.routing.portals;

import io.switchboard.events.access.PortalRole;
import io.switchboard.routing.shared.Strategy;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Routing's projection of portals, portal members and their availability (tables portals, portal_members), and
 * routing's own per-portal settings. Writes happen inside the organization's write.
 */
@Component
public class Portals {

    private final DatabaseClient db;

    Portals(DatabaseClient db) {
        this.db = db;
    }

    public Mono<RoutedPortal> find(UUID orgId, UUID portalId) {
        return db.sql("select id, org_id, is_default, archived_at, strategy, reroute_away_after_minutes, leads_capacity_bound from portals where org_id = :org and id = :id")
                .bind("org", orgId).bind("id", portalId)
                .map(row -> new RoutedPortal(row.get("id", UUID.class), row.get("org_id", UUID.class),
                        Boolean.TRUE.equals(row.get("is_default", Boolean.class)), row.get("archived_at", Instant.class),
                        Strategy.valueOf(row.get("strategy", String.class)), row.get("reroute_away_after_minutes", Integer.class),
                        !Boolean.FALSE.equals(row.get("leads_capacity_bound", Boolean.class))))
                .one();
    }

    public Mono<Void> created(UUID orgId, UUID portalId, boolean isDefault) {
        return db.sql("insert into portals (id, org_id, is_default) values (:id, :org, :default) on conflict (id) do nothing")
                .bind("id", portalId).bind("org", orgId).bind("default", isDefault)
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> archived(UUID orgId, UUID portalId, Instant at) {
        return db.sql("update portals set archived_at = :at where org_id = :org and id = :id and archived_at is null")
                .bind("org", orgId).bind("id", portalId).bind("at", at)
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> saveSettings(UUID orgId, UUID portalId, Strategy strategy, Integer rerouteAwayAfterMinutes, boolean leadsCapacityBound) {
        var sql = db.sql("update portals set strategy = :strategy, reroute_away_after_minutes = :minutes, leads_capacity_bound = :bound "
                        + "where org_id = :org and id = :id")
                .bind("org", orgId).bind("id", portalId).bind("strategy", strategy.name()).bind("bound", leadsCapacityBound);
        sql = rerouteAwayAfterMinutes == null ? sql.bindNull("minutes", Integer.class) : sql.bind("minutes", rerouteAwayAfterMinutes);
        return sql.fetch().rowsUpdated().then();
    }

    /** A new portal member; a repeated add keeps them and takes the role. Availability arrives on its own topic. */
    public Mono<Void> memberAdded(UUID orgId, UUID portalId, UUID userId, PortalRole role) {
        return db.sql("insert into portal_members (portal_id, org_id, user_id, portal_role) values (:portal, :org, :user, :role) "
                        + "on conflict (portal_id, user_id) do update set portal_role = excluded.portal_role")
                .bind("portal", portalId).bind("org", orgId).bind("user", userId).bind("role", role.name())
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> memberRoleChanged(UUID portalId, UUID userId, PortalRole role) {
        return db.sql("update portal_members set portal_role = :role where portal_id = :portal and user_id = :user")
                .bind("portal", portalId).bind("user", userId).bind("role", role.name())
                .fetch().rowsUpdated().then();
    }

    /** Out of the portal, and so out of its teams (team members must be in the team's portal). */
    public Mono<Void> memberRemoved(UUID portalId, UUID userId) {
        return db.sql("delete from portal_members where portal_id = :portal and user_id = :user")
                .bind("portal", portalId).bind("user", userId)
                .fetch().rowsUpdated()
                .then(db.sql("delete from team_members tm using teams t where t.id = tm.team_id and t.portal_id = :portal and tm.user_id = :user")
                        .bind("portal", portalId).bind("user", userId)
                        .fetch().rowsUpdated())
                .then();
    }

    /** The organization's default portal. */
    public Mono<UUID> defaultPortal(UUID orgId) {
        return db.sql("select id from portals where org_id = :org and is_default").bind("org", orgId)
                .map(row -> row.get("id", UUID.class)).one();
    }

    /** The organization's portals that are not archived. */
    public Flux<UUID> active(UUID orgId) {
        return db.sql("select id from portals where org_id = :org and archived_at is null").bind("org", orgId)
                .map(row -> row.get("id", UUID.class)).all();
    }

    /** Records availability; answers whether it changed. */
    public Mono<Boolean> availability(UUID orgId, UUID portalId, UUID userId, boolean available, Instant at) {
        return db.sql("insert into availability as a (portal_id, org_id, user_id, available, away_since) "
                        + "values (:portal, :org, :user, :available, case when :available then null else cast(:at as timestamptz) end) "
                        + "on conflict (portal_id, user_id) do update set available = excluded.available, "
                        + "away_since = case when excluded.available then null when a.available then excluded.away_since else a.away_since end "
                        + "where a.available <> excluded.available")
                .bind("portal", portalId).bind("org", orgId).bind("user", userId).bind("available", available).bind("at", at)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    public Mono<PortalRole> roleOf(UUID portalId, UUID userId) {
        return db.sql("select portal_role from portal_members where portal_id = :portal and user_id = :user")
                .bind("portal", portalId).bind("user", userId)
                .map(row -> PortalRole.valueOf(row.get("portal_role", String.class)))
                .one();
    }

    public Mono<Optional<PortalRole>> membership(UUID portalId, UUID userId) {
        return roleOf(portalId, userId).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    public Mono<Boolean> isMember(UUID portalId, UUID userId) {
        return roleOf(portalId, userId).hasElement();
    }

    /** The portals of the organization where {@code userId} is portal MANAGER. */
    public Flux<UUID> managedBy(UUID orgId, UUID userId) {
        return db.sql("select portal_id from portal_members where org_id = :org and user_id = :user and portal_role = 'MANAGER'")
                .bind("org", orgId).bind("user", userId)
                .map(row -> row.get("portal_id", UUID.class))
                .all();
    }

    /** Members away in a portal that re-routes after some minutes away, for longer than that (the safety-net timer). */
    public Flux<AwayTooLong> awayTooLong(Instant now) {
        return db.sql("select a.org_id, a.portal_id, a.user_id from availability a join portals p on p.id = a.portal_id "
                        + "where not a.available and p.reroute_away_after_minutes is not null and p.archived_at is null "
                        + "and a.away_since < cast(:now as timestamptz) - make_interval(mins => p.reroute_away_after_minutes) "
                        + "and exists (select 1 from work_items w where w.org_id = a.org_id and w.portal_id = a.portal_id "
                        + "and w.assignee_id = a.user_id and w.status = 'ASSIGNED')")
                .bind("now", now)
                .map(row -> new AwayTooLong(row.get("org_id", UUID.class), row.get("portal_id", UUID.class), row.get("user_id", UUID.class)))
                .all();
    }

    /** Whether {@code away} still holds (read under the organization's lock, before work is taken back). */
    public Mono<Boolean> stillAwayTooLong(AwayTooLong away, Instant now) {
        return db.sql("select 1 from availability a join portals p on p.id = a.portal_id where a.portal_id = :portal and a.user_id = :user "
                        + "and not a.available and p.reroute_away_after_minutes is not null and p.archived_at is null "
                        + "and a.away_since < cast(:now as timestamptz) - make_interval(mins => p.reroute_away_after_minutes)")
                .bind("portal", away.portalId()).bind("user", away.userId()).bind("now", now)
                .map(row -> true).one().defaultIfEmpty(false);
    }

    public record AwayTooLong(UUID orgId, UUID portalId, UUID userId) {
    }
}
