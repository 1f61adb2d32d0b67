package io.switchboard.portal.orgmember;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The repository of the organization members portal-service knows (table org_members). */
@Component
public class OrgMembers {

    private final DatabaseClient db;

    OrgMembers(DatabaseClient db) {
        this.db = db;
    }

    public Mono<OrgMember> find(UUID orgId, UUID userId) {
        return db.sql("select org_id, user_id, display_name, email, role, status from org_members where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId)
                .map(row -> new OrgMember(row.get("org_id", UUID.class), row.get("user_id", UUID.class), row.get("display_name", String.class),
                        row.get("email", String.class), row.get("role", String.class), OrgMember.Status.valueOf(row.get("status", String.class))))
                .one();
    }

    /** Inserts or replaces the member (a join, also a join again after a removal). */
    public Mono<Void> save(OrgMember member) {
        var sql = db.sql("insert into org_members (org_id, user_id, display_name, email, role, status) values (:org, :user, :name, :email, :role, :status) "
                        + "on conflict (org_id, user_id) do update set display_name = coalesce(excluded.display_name, org_members.display_name), "
                        + "email = coalesce(excluded.email, org_members.email), role = excluded.role, status = excluded.status")
                .bind("org", member.orgId()).bind("user", member.userId()).bind("role", member.role()).bind("status", member.status().name());
        sql = member.displayName() == null ? sql.bindNull("name", String.class) : sql.bind("name", member.displayName());
        sql = member.email() == null ? sql.bindNull("email", String.class) : sql.bind("email", member.email());
        return sql.fetch().rowsUpdated().then();
    }
}
