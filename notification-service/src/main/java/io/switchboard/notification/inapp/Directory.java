package io.switchboard.notification.inapp;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The names notifications speak of: organizations (org.organizations.v1), portals (portal.portals.v1) and members
 * with their emails (org.memberships.v1 MemberJoined). Fed by the listeners in the transaction of the event's
 * inbox row; a name not known yet reads as empty (the texts word around it).
 */
@Component
class Directory {

    private final DatabaseClient db;

    Directory(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> org(UUID orgId, String name) {
        if (name == null) {
            return Mono.empty();
        }
        return db.sql("insert into notify_org_names (org_id, name) values (:org, :name) on conflict (org_id) do update set name = excluded.name")
                .bind("org", orgId).bind("name", name).fetch().rowsUpdated().then();
    }

    Mono<Void> portal(UUID orgId, UUID portalId, String name) {
        if (name == null) {
            return Mono.empty();
        }
        return db.sql("""
                        insert into notify_portal_names (portal_id, org_id, name) values (:portal, :org, :name)
                        on conflict (portal_id) do update set name = excluded.name where notify_portal_names.org_id = excluded.org_id""")
                .bind("portal", portalId).bind("org", orgId).bind("name", name).fetch().rowsUpdated().then();
    }

    /** A member as MemberJoined names them; a null name or email keeps what was known. */
    Mono<Void> person(UUID orgId, UUID userId, String displayName, String email) {
        var insert = db.sql("""
                        insert into notify_people (org_id, user_id, display_name, email) values (:org, :user, :name, :email)
                        on conflict (org_id, user_id) do update
                        set display_name = coalesce(excluded.display_name, notify_people.display_name),
                            email = coalesce(excluded.email, notify_people.email)""")
                .bind("org", orgId).bind("user", userId);
        insert = displayName == null ? insert.bindNull("name", String.class) : insert.bind("name", displayName);
        insert = email == null ? insert.bindNull("email", String.class) : insert.bind("email", email);
        return insert.fetch().rowsUpdated().then();
    }

    Mono<String> orgName(UUID orgId) {
        return db.sql("select name from notify_org_names where org_id = :org").bind("org", orgId)
                .map(row -> row.get("name", String.class)).one();
    }

    /** The portal's name, if it is a portal of that org. */
    Mono<String> portalName(UUID orgId, UUID portalId) {
        if (portalId == null) {
            return Mono.empty();
        }
        return db.sql("select name from notify_portal_names where portal_id = :portal and org_id = :org")
                .bind("portal", portalId).bind("org", orgId)
                .map(row -> row.get("name", String.class)).one();
    }

    /** Whether the portal is known as one of that org's. */
    Mono<Boolean> portalOf(UUID orgId, UUID portalId) {
        return db.sql("select 1 from notify_portal_names where portal_id = :portal and org_id = :org")
                .bind("portal", portalId).bind("org", orgId)
                .map(row -> true).one().defaultIfEmpty(false);
    }

    Mono<String> personName(UUID orgId, UUID userId) {
        if (userId == null) {
            return Mono.empty();
        }
        return db.sql("select display_name from notify_people where org_id = :org and user_id = :user and display_name is not null")
                .bind("org", orgId).bind("user", userId)
                .map(row -> row.get("display_name", String.class)).one();
    }

    Mono<String> email(UUID orgId, UUID userId) {
        return db.sql("select email from notify_people where org_id = :org and user_id = :user and email is not null and email <> ''")
                .bind("org", orgId).bind("user", userId)
                .map(row -> row.get("email", String.class)).one();
    }
}
