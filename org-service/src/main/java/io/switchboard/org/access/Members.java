package io.switchboard.org.access;

import io.r2dbc.spi.Readable;
import io.switchboard.events.access.Permission;
import io.switchboard.events.org.MembershipState;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The repository of memberships, the one aggregate every feature reads to decide who may act: it owns the
 * SQL of the {@code memberships} table, and answers whether a caller may act in an organization.
 */
@Component
public class Members {

    private static final String SELECT = "select m.org_id, m.user_id, m.role, m.status, m.email, m.display_name, m.first_name, "
            + "m.last_name, m.phone, m.joined_at from memberships m join organizations o on o.id = m.org_id and o.deleted_at is null ";

    private final DatabaseClient db;
    private final Roles roles;

    Members(DatabaseClient db, Roles roles) {
        this.db = db;
        this.roles = roles;
    }

    public Mono<Member> find(UUID orgId, UUID userId) {
        return db.sql(SELECT + "where m.org_id = :org and m.user_id = :user")
                .bind("org", orgId).bind("user", userId)
                .map(Members::read).one()
                .flatMap(this::withPermissions);
    }

    /** A membership's role and status as org.membership-state.v1 carries it (any status; empty for none). */
    public Mono<MembershipState> state(UUID orgId, UUID userId) {
        return db.sql("select role, status from memberships where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId)
                .map(row -> new MembershipState(orgId, userId, row.get("role", String.class), row.get("status", String.class)))
                .one();
    }

    /** The user ids of the organization's active and deactivated members. */
    public Flux<UUID> notRemoved(UUID orgId) {
        return db.sql("select user_id from memberships where org_id = :org and status <> 'REMOVED' order by user_id")
                .bind("org", orgId)
                .map(row -> row.get("user_id", UUID.class))
                .all();
    }

    /** Active and deactivated members, oldest first. */
    public Flux<Member> ofOrg(UUID orgId) {
        return db.sql(SELECT + "where m.org_id = :org and m.status <> 'REMOVED' order by m.joined_at, m.user_id")
                .bind("org", orgId)
                .map(Members::read).all()
                .concatMap(this::withPermissions);
    }

    /**
     * The caller's active membership if it grants the permission. Not a member (or removed, or the org is
     * gone) answers 404, so ids of other organizations reveal nothing; a member without the permission gets 403.
     */
    public Mono<Member> require(UUID orgId, Caller caller, Permission permission) {
        return requireActive(orgId, caller.userId())
                .flatMap(member -> member.can(permission) ? Mono.just(member)
                        : Mono.error(ProblemException.forbidden("Your role does not allow " + permission.key() + ".")));
    }

    /** The person's active membership; anything else is a 404 for the organization. */
    public Mono<Member> requireActive(UUID orgId, UUID userId) {
        return find(orgId, userId)
                .filter(Member::isActive)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)));
    }

    /** A target in this org, active or deactivated; removed members and strangers are 404. */
    public Mono<Member> requireTarget(UUID orgId, UUID userId) {
        return find(orgId, userId)
                .filter(member -> !member.isRemoved())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("member " + userId)));
    }

    /** The creator of an organization, its first member. */
    public Mono<Void> insertOwner(UUID orgId, UUID userId, String role, String email, String displayName) {
        return db.sql("insert into memberships (org_id, user_id, role, status, email, display_name) values (:org, :user, :role, 'ACTIVE', :email, :name)")
                .bind("org", orgId).bind("user", userId).bind("role", role)
                .bind("email", email == null ? "" : email).bind("name", displayName == null ? "" : displayName)
                .fetch().rowsUpdated().then();
    }

    /**
     * Makes an invitee an active member: a new row, or a removed member's row again. A row that is active or
     * deactivated is never touched (no reactivation, no role overwrite): the statement's own condition says so.
     *
     * @return whether a membership was created or renewed
     */
    public Mono<Boolean> join(NewMember joining) {
        var insert = db.sql("insert into memberships (org_id, user_id, role, status, email, display_name, first_name, last_name, phone) "
                        + "values (:org, :user, :role, 'ACTIVE', :email, :name, :first, :last, :phone) "
                        + "on conflict (org_id, user_id) do update set role = excluded.role, status = 'ACTIVE', email = excluded.email, "
                        + "display_name = excluded.display_name, first_name = excluded.first_name, last_name = excluded.last_name, "
                        + "phone = excluded.phone, joined_at = now(), updated_at = now() where memberships.status = 'REMOVED'")
                .bind("org", joining.orgId()).bind("user", joining.userId()).bind("role", joining.role())
                .bind("email", joining.email() == null ? "" : joining.email())
                .bind("name", joining.displayName() == null ? "" : joining.displayName());
        insert = joining.firstName() == null ? insert.bindNull("first", String.class) : insert.bind("first", joining.firstName());
        insert = joining.lastName() == null ? insert.bindNull("last", String.class) : insert.bind("last", joining.lastName());
        insert = joining.phone() == null ? insert.bindNull("phone", String.class) : insert.bind("phone", joining.phone());
        return insert.fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Writes a member's role and status as a transition left them. */
    public Mono<Void> save(Member member) {
        return db.sql("update memberships set role = :role, status = :status, updated_at = now() where org_id = :org and user_id = :user")
                .bind("role", member.role()).bind("status", member.status().name())
                .bind("org", member.orgId()).bind("user", member.userId())
                .fetch().rowsUpdated().then();
    }

    /** Active owners of the organization other than this person. */
    public Mono<Long> otherActiveOwners(UUID orgId, UUID userId) {
        return db.sql("select count(*) from memberships where org_id = :org and status = 'ACTIVE' and role = 'OWNER' and user_id <> :user")
                .bind("org", orgId).bind("user", userId)
                .map(row -> row.get(0, Long.class)).one();
    }

    /** Members (active or deactivated) who hold this role. */
    public Mono<Long> holding(UUID orgId, String role) {
        return db.sql("select count(*) from memberships where org_id = :org and role = :role and status <> 'REMOVED'")
                .bind("org", orgId).bind("role", role)
                .map(row -> row.get(0, Long.class)).one();
    }

    private Mono<Member> withPermissions(Row row) {
        return roles.permissionsOf(row.orgId(), row.role())
                .onErrorResume(ProblemException.class, deletedRole -> Mono.just(Set.of()))
                .map(permissions -> new Member(row.orgId(), row.userId(), row.role(), row.status(), row.email(), row.displayName(),
                        row.firstName(), row.lastName(), row.phone(), row.joinedAt(), permissions));
    }

    private static Row read(Readable row) {
        return new Row(row.get("org_id", UUID.class), row.get("user_id", UUID.class), row.get("role", String.class),
                MemberStatus.valueOf(row.get("status", String.class)), row.get("email", String.class), row.get("display_name", String.class),
                row.get("first_name", String.class), row.get("last_name", String.class), row.get("phone", String.class),
                row.get("joined_at", Instant.class));
    }

    private record Row(UUID orgId, UUID userId, String role, MemberStatus status, String email, String displayName, String firstName,
                       String lastName, String phone, Instant joinedAt) {
    }

    /** Who joins, with what the invitation carried about them. */
    public record NewMember(UUID orgId, UUID userId, String role, String email, String displayName, String firstName, String lastName,
                            String phone) {
    }
}
