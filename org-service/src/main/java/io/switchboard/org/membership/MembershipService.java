package io.switchboard.org.membership;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.identity.InvitationAccepted;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.MemberReactivated;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.messaging.Outbox;
import io.switchboard.org.access.EscalationRules;
import io.switchboard.org.access.Member;
import io.switchboard.org.access.Members;
import io.switchboard.org.access.Roles;
import io.switchboard.org.audit.AuditLog;
import io.switchboard.org.organization.Organization;
import io.switchboard.org.organization.Organizations;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every change to an organization's memberships runs in one transaction that first locks the
 * organization's row: concurrent changes of one org happen one after another, so "an active owner always
 * remains" and the seat limit hold when requests race.
 */
@Service
public class MembershipService {

    private static final Logger log = LoggerFactory.getLogger(MembershipService.class);

    private final DatabaseClient db;
    private final Organizations organizations;
    private final Members members;
    private final Roles roles;
    private final Outbox outbox;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    MembershipService(DatabaseClient db, Organizations organizations, Members members, Roles roles, Outbox outbox, AuditLog audit,
                      ReactiveTransactionManager transactionManager) {
        this.db = db;
        this.organizations = organizations;
        this.members = members;
        this.roles = roles;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    Flux<MemberView> list(UUID orgId, Caller caller) {
        return members.require(orgId, caller, Permission.MEMBERS_READ).thenMany(members.ofOrg(orgId)).map(MemberView::of);
    }

    Mono<MemberView> get(UUID orgId, UUID userId, Caller caller) {
        return members.require(orgId, caller, Permission.MEMBERS_READ)
                .then(target(orgId, userId)).map(MemberView::of);
    }

    Mono<MemberView> changeRole(UUID orgId, UUID userId, String newRole, Caller caller) {
        Mono<MemberView> change = organizations.lock(orgId).flatMap(org ->
                members.require(orgId, caller, Permission.MEMBERS_MANAGE).flatMap(actor -> target(orgId, userId).flatMap(target ->
                        roles.permissionsOf(orgId, newRole).flatMap(granted -> {
                            EscalationRules.requireCanManage(actor, target);
                            EscalationRules.requireCanGrant(actor, newRole, granted);
                            if (newRole.equals(target.role())) {
                                return Mono.just(MemberView.of(target));
                            }
                            boolean losesOwner = target.isOwner() && !BuiltInRole.OWNER.name().equals(newRole);
                            Mono<Void> guards = losesOwner ? requireNotPrimaryOwner(org, target).then(requireAnotherOwner(orgId, target)) : Mono.empty();
                            boolean needsSeat = target.isActive() && !target.takesSeat() && !BuiltInRole.VIEWER.name().equals(newRole);
                            return guards
                                    .then(needsSeat ? requireFreeSeat(org) : Mono.empty())
                                    .then(db.sql("update memberships set role = :role, updated_at = now() where org_id = :org and user_id = :user")
                                            .bind("role", newRole).bind("org", orgId).bind("user", userId).fetch().rowsUpdated())
                                    .then(outbox.append(EventCatalog.MEMBER_ROLE_CHANGED, orgId, caller.userId().toString(),
                                            new MemberRoleChanged(orgId, userId, target.role(), newRole)))
                                    .then(audit.record(orgId, caller.userId(), "member.role-changed", "user:" + userId,
                                            Map.of("role", target.role()), Map.of("role", newRole)))
                                    .then(members.find(orgId, userId)).map(MemberView::of);
                        }))));
        return tx.transactional(change);
    }

    Mono<Void> remove(UUID orgId, UUID userId, Caller caller) {
        return endAccess(orgId, userId, caller, Member.REMOVED, false);
    }

    Mono<Void> deactivate(UUID orgId, UUID userId, Caller caller) {
        return endAccess(orgId, userId, caller, Member.DEACTIVATED, false);
    }

    /** Leaving is removing oneself: no permission needed, the same guards. */
    Mono<Void> leave(UUID orgId, Caller caller) {
        return endAccess(orgId, caller.userId(), caller, Member.REMOVED, true);
    }

    private Mono<Void> endAccess(UUID orgId, UUID userId, Caller caller, String newStatus, boolean self) {
        Mono<Void> end = organizations.lock(orgId).flatMap(org -> {
            Mono<Member> actor = self
                    ? members.find(orgId, caller.userId()).filter(Member::isActive).switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)))
                    : members.require(orgId, caller, Permission.MEMBERS_MANAGE);
            return actor.flatMap(a -> target(orgId, userId).flatMap(target -> {
                if (!self) {
                    EscalationRules.requireCanManage(a, target);
                }
                if (!target.isActive() && newStatus.equals(Member.DEACTIVATED)) {
                    return Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "The member is already deactivated."));
                }
                Mono<Void> guards = target.isOwner() && target.isActive()
                        ? requireNotPrimaryOwner(org, target).then(requireAnotherOwner(orgId, target)) : Mono.empty();
                String action = self ? "member.left" : newStatus.equals(Member.REMOVED) ? "member.removed" : "member.deactivated";
                Mono<?> event = newStatus.equals(Member.REMOVED)
                        ? outbox.append(EventCatalog.MEMBER_REMOVED, orgId, caller.userId().toString(), new MemberRemoved(orgId, userId))
                        : outbox.append(EventCatalog.MEMBER_DEACTIVATED, orgId, caller.userId().toString(), new MemberDeactivated(orgId, userId));
                return guards
                        .then(db.sql("update memberships set status = :status, updated_at = now() where org_id = :org and user_id = :user")
                                .bind("status", newStatus).bind("org", orgId).bind("user", userId).fetch().rowsUpdated())
                        .then(event)
                        .then(audit.record(orgId, caller.userId(), action, "user:" + userId,
                                Map.of("status", target.status(), "role", target.role()), Map.of("status", newStatus, "role", target.role())));
            }));
        });
        return tx.transactional(end);
    }

    Mono<MemberView> reactivate(UUID orgId, UUID userId, Caller caller) {
        Mono<MemberView> reactivated = organizations.lock(orgId).flatMap(org ->
                members.require(orgId, caller, Permission.MEMBERS_MANAGE).flatMap(actor -> target(orgId, userId).flatMap(target -> {
                    EscalationRules.requireCanManage(actor, target);
                    if (!Member.DEACTIVATED.equals(target.status())) {
                        return Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Only a deactivated member can be reactivated."));
                    }
                    boolean takesSeat = !BuiltInRole.VIEWER.name().equals(target.role());
                    return (takesSeat ? requireFreeSeat(org) : Mono.<Void>empty())
                            .then(db.sql("update memberships set status = 'ACTIVE', updated_at = now() where org_id = :org and user_id = :user")
                                    .bind("org", orgId).bind("user", userId).fetch().rowsUpdated())
                            .then(outbox.append(EventCatalog.MEMBER_REACTIVATED, orgId, caller.userId().toString(),
                                    new MemberReactivated(orgId, userId, target.role())))
                            .then(audit.record(orgId, caller.userId(), "member.reactivated", "user:" + userId,
                                    Map.of("status", target.status()), Map.of("status", Member.ACTIVE)))
                            .then(members.find(orgId, userId)).map(MemberView::of);
                })));
        return tx.transactional(reactivated);
    }

    /** From identity-service: the invitee becomes a member (again, if they had been removed). */
    public Mono<Void> join(InvitationAccepted accepted, String actor) {
        UUID orgId = accepted.orgId();
        Mono<Void> join = organizations.lock(orgId).flatMap(org -> members.find(orgId, accepted.userId())
                .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(existing -> {
                    if (existing.filter(Member::isActive).isPresent()) {
                        return Mono.<Void>empty();
                    }
                    boolean takesSeat = !BuiltInRole.VIEWER.name().equals(accepted.role());
                    Mono<Void> seat = db.sql("delete from seat_reservations where invitation_id = :id").bind("id", accepted.invitationId())
                            .fetch().rowsUpdated().then(takesSeat ? requireFreeSeat(org) : Mono.empty());
                    return seat
                            .then(db.sql("insert into memberships (org_id, user_id, role, status, email, display_name) values (:org, :user, :role, 'ACTIVE', :email, :name) "
                                            + "on conflict (org_id, user_id) do update set role = excluded.role, status = 'ACTIVE', email = excluded.email, "
                                            + "display_name = excluded.display_name, joined_at = now(), updated_at = now()")
                                    .bind("org", orgId).bind("user", accepted.userId()).bind("role", accepted.role())
                                    .bind("email", accepted.email()).bind("name", accepted.displayName() == null ? "" : accepted.displayName())
                                    .fetch().rowsUpdated())
                            .then(outbox.append(EventCatalog.MEMBER_JOINED, orgId, actor, new MemberJoined(orgId, accepted.userId(), accepted.role())))
                            .then(audit.record(orgId, accepted.userId(), "member.joined", "user:" + accepted.userId(),
                                    Map.of(), Map.of("role", accepted.role(), "invitationId", accepted.invitationId().toString())));
                }))
                .onErrorResume(ProblemException.class, refused -> {
                    log.warn("invitation {} to org {} not applied: {}", accepted.invitationId(), orgId, refused.getMessage());
                    return Mono.empty();
                });
        return tx.transactional(join);
    }

    /** A target in this org, active or deactivated; removed members and strangers are 404. */
    private Mono<Member> target(UUID orgId, UUID userId) {
        return members.find(orgId, userId)
                .filter(member -> !Member.REMOVED.equals(member.status()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("member " + userId)));
    }

    private Mono<Void> requireAnotherOwner(UUID orgId, Member owner) {
        return db.sql("select count(*) from memberships where org_id = :org and status = 'ACTIVE' and role = 'OWNER' and user_id <> :user")
                .bind("org", orgId).bind("user", owner.userId())
                .map(row -> row.get(0, Long.class)).one()
                .flatMap(others -> others > 0 ? Mono.<Void>empty() : Mono.error(new ProblemException(HttpStatus.CONFLICT,
                        ProblemTypes.of("last-owner"), "An organization must keep an active owner; make someone else owner first.")));
    }

    private static Mono<Void> requireNotPrimaryOwner(Organization org, Member member) {
        return org.primaryOwnerId().equals(member.userId())
                ? Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("primary-owner"),
                        "The primary owner must transfer primary ownership first."))
                : Mono.empty();
    }

    private Mono<Void> requireFreeSeat(Organization org) {
        return organizations.seatsTaken(org.id()).flatMap(taken -> taken < org.seatLimit() ? Mono.<Void>empty()
                : Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("seat-limit-reached"),
                        "All " + org.seatLimit() + " seats of the " + org.plan() + " plan are taken.",
                        Map.of("seatLimit", org.seatLimit(), "seatsTaken", taken))));
    }
}
