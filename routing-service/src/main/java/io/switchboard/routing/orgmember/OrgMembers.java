package io.switchboard.routing.orgmember;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The organization's members as org.memberships.v1 tells them (table org_members): the claim only picks
 * ACTIVE members who are no VIEWER. Called inside the organization's write, by the membership listener.
 */
@Component
public class OrgMembers {

    public static final String ACTIVE = "ACTIVE";
    public static final String DEACTIVATED = "DEACTIVATED";

    private final DatabaseClient db;

    OrgMembers(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts or replaces the member (a join, also a join again after a removal). */
    public Mono<Void> joined(UUID orgId, UUID userId, String role, String displayName) {
        var sql = db.sql("insert into org_members (org_id, user_id, display_name, role, status) values (:org, :user, :name, :role, 'ACTIVE') "
                        + "on conflict (org_id, user_id) do update set display_name = coalesce(excluded.display_name, org_members.display_name), "
                        + "role = excluded.role, status = 'ACTIVE'")
                .bind("org", orgId).bind("user", userId).bind("role", role);
        sql = displayName == null ? sql.bindNull("name", String.class) : sql.bind("name", displayName);
        return sql.fetch().rowsUpdated().then();
    }

    public Mono<Void> roleChanged(UUID orgId, UUID userId, String role) {
        return db.sql("update org_members set role = :role where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId).bind("role", role)
                .fetch().rowsUpdated().then();
    }

    public Mono<Void> status(UUID orgId, UUID userId, String status) {
        return db.sql("update org_members set status = :status where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId).bind("status", status)
                .fetch().rowsUpdated().then();
    }

    /** A removed member leaves no trace that could make them eligible again (a later join inserts them anew). */
    public Mono<Void> removed(UUID orgId, UUID userId) {
        return db.sql("delete from org_members where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId)
                .fetch().rowsUpdated().then();
    }

    /**
     * After a removal, once their work was taken back: their routing profile, team memberships and availability
     * go too, so that joining again later starts from what that joining says, not from the old profile.
     */
    public Mono<Void> forgetRouting(UUID orgId, UUID userId) {
        return Flux.just("delete from profile_clients where org_id = :org and user_id = :user",
                        "delete from agent_channels where org_id = :org and user_id = :user and open_count = 0",
                        "delete from team_members where org_id = :org and user_id = :user",
                        "delete from availability where org_id = :org and user_id = :user")
                .concatMap(statement -> db.sql(statement).bind("org", orgId).bind("user", userId).fetch().rowsUpdated())
                .then();
    }

    /** Whether the person may hold work: an active member of the organization who is no VIEWER. */
    public Mono<Boolean> takesWork(UUID orgId, UUID userId) {
        return db.sql("select 1 from org_members where org_id = :org and user_id = :user and status = 'ACTIVE' and role <> 'VIEWER'")
                .bind("org", orgId).bind("user", userId)
                .map(row -> true).one().defaultIfEmpty(false);
    }

    /** Whether the person is an active member of the organization. */
    public Mono<Boolean> isActive(UUID orgId, UUID userId) {
        return db.sql("select 1 from org_members where org_id = :org and user_id = :user and status = 'ACTIVE'")
                .bind("org", orgId).bind("user", userId)
                .map(row -> true).one().defaultIfEmpty(false);
    }
}
