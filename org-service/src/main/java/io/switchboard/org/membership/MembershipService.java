package io.switchboard.org.membership;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.Permission;
import io.switchboard.events.access.PortalAccess;
import io.switchboard.events.access.PortalRole;
import io.switchboard.events.identity.InvitationAccepted;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import io.switchboard.org.access.EscalationRules;
import io.switchboard.org.access.Member;
import io.switchboard.org.access.Members;
import io.switchboard.org.access.Roles;
import io.switchboard.org.access.Transition;
import io.switchboard.org.organization.OrgWrites;
import io.switchboard.org.organization.Organization;
import io.switchboard.org.portal.PortalMembership;
import io.switchboard.org.portal.PortalMemberships;
import io.switchboard.org.seat.SeatReservation;
import io.switchboard.org.seat.Seats;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Changes to an organization's memberships, each through {@link OrgWrites} (org row locked, so "an active
 * owner always remains" and the seat limit hold when requests race). Named steps: the actor's rights (whom
 * they may manage, within the portals they manage for a MANAGER), the guards, then the member's own transition.
 */
@Service
public class MembershipService {

    private static final Logger log = LoggerFactory.getLogger(MembershipService.class);

    private final OrgWrites writes;
    private final Members members;
    private final Roles roles;
    private final Seats seats;
    private final PortalMemberships portals;

    MembershipService(OrgWrites writes, Members members, Roles roles, Seats seats, PortalMemberships portals) {
        this.writes = writes;
        this.members = members;
        this.roles = roles;
        this.seats = seats;
        this.portals = portals;
    }

    Flux<MemberView> list(UUID orgId, Caller caller) {
        return members.require(orgId, caller, Permission.MEMBERS_READ)
                .then(portals.ofOrg(orgId))
                .flatMapMany(byUser -> members.ofOrg(orgId).map(member -> MemberView.of(member, byUser.getOrDefault(member.userId(), List.of()))));
    }

    Mono<MemberView> get(UUID orgId, UUID userId, Caller caller) {
        return members.require(orgId, caller, Permission.MEMBERS_READ)
                .then(members.requireTarget(orgId, userId))
                .flatMap(this::view);
    }

    Mono<MemberView> changeRole(UUID orgId, UUID userId, String newRole, Caller caller) {
        return writes.asMember(orgId, caller, Permission.MEMBERS_MANAGE, (org, actor) -> members.requireTarget(orgId, userId)
                .flatMap(target -> requireCanManage(actor, target)
                        .flatMap(targetPortals -> roles.permissionsOf(orgId, newRole)
                                .flatMap(granted -> roleChange(org, actor, target, targetPortals, newRole, granted)))));
    }

    /**
     * Whom the actor may manage: no one more powerful (EscalationRules), and for a MANAGER only members of the
     * portals they manage. Answers the target's portals.
     */
    private Mono<List<PortalMembership>> requireCanManage(Member actor, Member target) {
        EscalationRules.requireCanManage(actor, target);
        return Mono.zip(portals.of(actor.orgId(), actor.userId()), portals.of(target.orgId(), target.userId()))
                .map(facts -> {
                    EscalationRules.requireWithinReach(actor, PortalMembership.byPortal(facts.getT1()), PortalMembership.portalIds(facts.getT2()));
                    return facts.getT2();
                });
    }

    private Mono<MemberView> view(Member member) {
        return portals.of(member.orgId(), member.userId()).map(memberPortals -> MemberView.of(member, memberPortals));
    }

    private Mono<Change<MemberView>> roleChange(Organization org, Member actor, Member target, List<PortalMembership> targetPortals,
                                                String newRole, Set<Permission> granted) {
        EscalationRules.requireCanGrant(actor, newRole, granted);
        Optional<Transition> transition = target.changeRole(newRole, granted);
        if (transition.isEmpty()) {
            return Mono.just(Change.none(MemberView.of(target, targetPortals)));
        }
        Member after = transition.get().after();
        Mono<Void> ownerGuard = target.isOwner() && !after.isOwner() ? requireOwnerRemains(org, target) : Mono.empty();
        Mono<Void> seatGuard = after.takesSeat(org.primaryOwnerId()) && !target.takesSeat(org.primaryOwnerId())
                ? writes.requireFreeSeat(org) : Mono.empty();
        AuditEntry audit = new AuditEntry("member.role-changed", "user:" + target.userId(), Map.of("role", target.role()), Map.of("role", newRole));
        return ownerGuard.then(seatGuard).then(members.save(after))
                .thenReturn(Change.of(MemberView.of(after, targetPortals), transition.get().event(), audit));
    }

    Mono<Void> remove(UUID orgId, UUID userId, Caller caller) {
        return writes.asMember(orgId, caller, Permission.MEMBERS_MANAGE, (org, actor) -> members.requireTarget(orgId, userId)
                .flatMap(target -> requireCanManage(actor, target)
                        .flatMap(targetPortals -> endAccess(org, target, target.remove(), "member.removed"))));
    }

    Mono<Void> deactivate(UUID orgId, UUID userId, Caller caller) {
        return writes.asMember(orgId, caller, Permission.MEMBERS_MANAGE, (org, actor) -> members.requireTarget(orgId, userId)
                .flatMap(target -> requireCanManage(actor, target)
                        .flatMap(targetPortals -> endAccess(org, target, target.deactivate(), "member.deactivated"))));
    }

    /** Leaving is removing oneself: no permission needed, the same guards. */
    Mono<Void> leave(UUID orgId, Caller caller) {
        return writes.as(orgId, Actor.user(caller.userId()), org -> members.requireActive(orgId, caller.userId())
                .flatMap(me -> endAccess(org, me, me.remove(), "member.left")));
    }

    private Mono<Change<Void>> endAccess(Organization org, Member target, Transition transition, String action) {
        Mono<Void> ownerGuard = target.isOwner() && target.isActive() ? requireOwnerRemains(org, target) : Mono.empty();
        Member after = transition.after();
        AuditEntry audit = new AuditEntry(action, "user:" + target.userId(),
                Map.of("status", target.status().name(), "role", target.role()), Map.of("status", after.status().name(), "role", after.role()));
        return ownerGuard.then(members.save(after)).thenReturn(Change.<Void>of(null, transition.event(), audit));
    }

    Mono<MemberView> reactivate(UUID orgId, UUID userId, Caller caller) {
        return writes.asMember(orgId, caller, Permission.MEMBERS_MANAGE, (org, actor) -> members.requireTarget(orgId, userId)
                .flatMap(target -> requireCanManage(actor, target).flatMap(targetPortals -> {
                    Transition transition = target.reactivate();
                    Member after = transition.after();
                    Mono<Void> seatGuard = after.takesSeat(org.primaryOwnerId()) ? writes.requireFreeSeat(org) : Mono.empty();
                    AuditEntry audit = new AuditEntry("member.reactivated", "user:" + userId,
                            Map.of("status", target.status().name()), Map.of("status", after.status().name()));
                    return seatGuard.then(members.save(after))
                            .thenReturn(Change.of(MemberView.of(after, targetPortals), transition.event(), audit));
                })));
    }

    /**
     * From identity-service: the invitee becomes a member. The event must match the seat reservation made
     * when the invitation was sent (else it is refused, to the dead-letter topic). Someone who already is a
     * member (active or deactivated) stays exactly as they are: joining never reactivates nor changes a role.
     * A removed member joins again.
     */
    public Mono<Void> join(InvitationAccepted accepted) {
        return writes.as(accepted.orgId(), Actor.user(accepted.userId()), org -> seats.claim(org, accepted)
                .flatMap(reservation -> members.find(org.id(), accepted.userId())
                        .filter(existing -> !existing.isRemoved())
                        .map(existing -> alreadyMember(existing, reservation))
                        .switchIfEmpty(Mono.defer(() -> newMember(accepted, reservation)))));
    }

    private Change<Void> alreadyMember(Member existing, SeatReservation reservation) {
        log.info("invitation {} accepted by an existing {} member of org {}: membership left unchanged",
                reservation.invitationId(), existing.status(), existing.orgId());
        return new Change<>(null, List.of(), List.of(new AuditEntry("member.join-ignored", "user:" + existing.userId(),
                Map.of("status", existing.status().name(), "role", existing.role()),
                Map.of("status", existing.status().name(), "role", existing.role(), "invitationId", reservation.invitationId().toString()))));
    }

    private Mono<Change<Void>> newMember(InvitationAccepted accepted, SeatReservation reservation) {
        Members.NewMember joining = new Members.NewMember(accepted.orgId(), accepted.userId(), reservation.role(), accepted.email(),
                accepted.displayName(), accepted.firstName(), accepted.lastName(), accepted.phone());
        AuditEntry audit = new AuditEntry("member.joined", "user:" + accepted.userId(), Map.of(),
                Map.of("role", reservation.role(), "invitationId", reservation.invitationId().toString()));
        return members.join(joining)
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("membership changed while the org was locked")))
                .then(placement(accepted, reservation))
                .map(placed -> Change.<Void>of(null, PendingEvent.of(EventCatalog.MEMBER_JOINED,
                        new MemberJoined(accepted.orgId(), accepted.userId(), reservation.role(), accepted.displayName(), accepted.email(),
                                placed.portalIds(), placed.portalRole() == null ? null : placed.portalRole().name(), accepted.routing())), audit));
    }

    /** Which portals the new member joins, as {@link PortalAccess#placeInvitee} decides from who invited them. */
    private Mono<PortalAccess.Placement> placement(InvitationAccepted accepted, SeatReservation reservation) {
        List<UUID> named = accepted.portalIds() == null ? List.of() : accepted.portalIds();
        if (reservation.invitedBy() == null) {
            return Mono.just(new PortalAccess.Placement(named, null));
        }
        return Mono.zip(members.find(accepted.orgId(), reservation.invitedBy()).map(Member::role).defaultIfEmpty(""),
                        portals.of(accepted.orgId(), reservation.invitedBy()))
                .map(inviter -> PortalAccess.placeInvitee(inviter.getT1(), named, inviter.getT2().stream()
                        .filter(p -> p.portalRole() == PortalRole.MANAGER).map(PortalMembership::portalId).collect(Collectors.toSet())));
    }

    private Mono<Void> requireOwnerRemains(Organization org, Member owner) {
        if (org.primaryOwnerId().equals(owner.userId())) {
            return Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("primary-owner"),
                    "The primary owner must transfer primary ownership first."));
        }
        return members.otherActiveOwners(org.id(), owner.userId())
                .flatMap(others -> others > 0 ? Mono.<Void>empty() : Mono.error(new ProblemException(HttpStatus.CONFLICT,
                        ProblemTypes.of("last-owner"), "An organization must keep an active owner; make someone else owner first.")));
    }
}
