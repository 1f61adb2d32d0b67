package io.switchboard.portal.portals;

import io.switchboard.events.access.PortalAccess;
import io.switchboard.events.access.PortalRole;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.portal.change.OrgWrites;
import io.switchboard.portal.orgmember.OrgMember;
import io.switchboard.portal.orgmember.OrgMembers;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Portal members and their availability, each request checked with {@link PortalAccess} from the caller's org
 * role, permissions and role in that portal.
 */
@Service
class MemberService {

    /** A member put into a portal: {@code created} when they were not in it before. */
    record Put(MemberView member, boolean created) {
    }

    /** One portal's availability after the person-level switch. */
    record PortalAvailability(UUID portalId, boolean available, String note) {
    }

    private final PortalService portals;
    private final PortalMembers members;
    private final OrgMembers orgMembers;
    private final AvailabilityLog log;
    private final Callers callers;
    private final OrgWrites writes;

    MemberService(PortalService portals, PortalMembers members, OrgMembers orgMembers, AvailabilityLog log, Callers callers, OrgWrites writes) {
        this.portals = portals;
        this.members = members;
        this.orgMembers = orgMembers;
        this.log = log;
        this.callers = callers;
        this.writes = writes;
    }

    Mono<List<MemberView>> list(UUID orgId, UUID portalId, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> portals.require(orgId, portalId)
                .then(access(me, portalId))
                .flatMap(access -> access.seesPortal() ? members.views(orgId, portalId).collectList()
                        : Mono.error(ProblemException.forbidden("You do not see this portal."))));
    }

    /** Adds the member with {@code role}, or changes their portal role. */
    Mono<Put> put(UUID orgId, UUID portalId, UUID userId, PortalRole role, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(caller.userId()), () -> portals.require(orgId, portalId)
                .then(access(me, portalId))
                .flatMap(access -> {
                    if (!access.managesMemberWith(role)) {
                        return Mono.error(ProblemException.forbidden("You may not give the portal role " + role + " in this portal."));
                    }
                    return activeOrgMember(orgId, userId).flatMap(target -> members.find(orgId, portalId, userId)
                            .map(Optional::of).defaultIfEmpty(Optional.empty())
                            .flatMap(existing -> existing.isPresent() ? changeRole(access, target, existing.get(), role)
                                    : mayBringIn(access, me, target).then(add(target, portalId, role, caller.userId()))));
                })));
    }

    private Mono<Change<Put>> changeRole(PortalAccess access, OrgMember target, PortalMember existing, PortalRole role) {
        if (!access.managesMemberWith(existing.role())) {
            return Mono.error(ProblemException.forbidden("You may not change the portal role of a portal " + existing.role() + "."));
        }
        Change<PortalMember> change = existing.changeRole(role);
        return (change.isEmpty() ? Mono.<Void>empty() : members.save(change.result()))
                .thenReturn(change.withResult(new Put(view(change.result(), target), false)));
    }

    /** OWNER and ADMIN bring in anyone; a portal manager only whom {@link PortalAccess#managerMayBringIn} allows. */
    private Mono<Void> mayBringIn(PortalAccess access, OrgCaller me, OrgMember target) {
        if (access.managesAllMembers()) {
            return Mono.empty();
        }
        Mono<Set<UUID>> targetPortals = members.ofUser(target.orgId(), target.userId()).map(PortalMember::portalId).collect(Collectors.toSet());
        Mono<Set<UUID>> managed = members.ofUser(me.orgId(), me.userId()).filter(m -> m.role() == PortalRole.MANAGER)
                .map(PortalMember::portalId).collect(Collectors.toSet());
        Mono<UUID> defaultPortal = portals.defaultPortalId(target.orgId()).defaultIfEmpty(new UUID(0, 0));
        return Mono.zip(targetPortals, managed, defaultPortal)
                .flatMap(facts -> PortalAccess.managerMayBringIn(target.role(), facts.getT1(), facts.getT2(), facts.getT3())
                ? Mono.<Void>empty()
                : Mono.error(ProblemException.forbidden(
                        "Managers bring in agents and viewers who work in no other portal; ask an admin to add someone from another portal.")));
    }

    private Mono<Change<Put>> add(OrgMember target, UUID portalId, PortalRole role, UUID by) {
        Change<PortalMember> joined = PortalMember.join(target.orgId(), portalId, target.userId(), role, target.role(), by, portals.now());
        return members.insert(joined.result()).thenReturn(joined.withResult(new Put(view(joined.result(), target), true)));
    }

    Mono<Void> remove(UUID orgId, UUID portalId, UUID userId, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(caller.userId()), () -> portals.require(orgId, portalId)
                .then(access(me, portalId))
                .flatMap(access -> {
                    if (!access.managesMemberWith(PortalRole.EMPLOYEE)) {
                        return Mono.error(ProblemException.forbidden("You may not take members out of this portal."));
                    }
                    return members.find(orgId, portalId, userId).switchIfEmpty(Mono.error(() -> Problems.notAPortalMember(userId)))
                            .flatMap(member -> access.managesMemberWith(member.role())
                                    ? members.delete(member).thenReturn(member.leave(PortalMember.LeaveReason.REMOVED_FROM_PORTAL, caller.userId(), portals.now()))
                                    : Mono.error(ProblemException.forbidden("You may not take a portal " + member.role() + " out of this portal.")));
                }))).then();
    }

    Mono<MemberView> setAvailability(UUID orgId, UUID portalId, UUID userId, AvailabilityRequest request, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(caller.userId()), () -> portals.require(orgId, portalId)
                .then(access(me, portalId))
                .flatMap(access -> {
                    if (!access.seesPortal()) {
                        return Mono.error(ProblemException.forbidden("You do not see this portal."));
                    }
                    return members.find(orgId, portalId, userId).switchIfEmpty(Mono.error(() -> Problems.notAPortalMember(userId)))
                            .flatMap(member -> {
                                if (!access.setsAvailability(userId.equals(me.userId()))) {
                                    return Mono.error(ProblemException.forbidden("You may not set this member's availability."));
                                }
                                return orgMembers.find(orgId, userId).switchIfEmpty(Mono.error(() -> Problems.notAnActiveMember(userId))).flatMap(target -> {
                                    if (request.available() && !target.isActive()) {
                                        return Mono.error(Problems.memberDeactivated(userId));
                                    }
                                    Change<PortalMember> change = member.setAvailability(request.available(), request.note(), me.userId(), portals.now());
                                    return (change.isEmpty() ? Mono.<Void>empty() : members.save(change.result()))
                                            .thenReturn(change.withResult(view(change.result(), target)));
                                });
                            });
                })));
    }

    /** The caller's person-level switch: available or away in every portal they are in, in one transaction. */
    Mono<List<PortalAvailability>> awaySwitch(UUID orgId, AvailabilityRequest request, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> {
            if (!me.in(Optional.of(PortalRole.EMPLOYEE)).setsOwnAvailability()) {
                return Mono.error(ProblemException.forbidden("Your role does not set availability."));
            }
            PortalMember.checkedNote(request.note()); // a bad note is refused before any write
            Instant now = portals.now();
            return writes.write(orgId, Actor.user(caller.userId()), () -> members.ofUser(orgId, me.userId())
                    .filter(member -> me.in(member).setsOwnAvailability())
                    .concatMap(member -> {
                        Change<PortalMember> change = member.awaySwitch(request.available(), request.note(), me.userId(), now);
                        return (change.isEmpty() ? Mono.<Void>empty() : members.save(change.result())).thenReturn(change);
                    })
                    .reduce(Change.<List<PortalAvailability>>none(new ArrayList<>()), (all, one) -> {
                        all.result().add(new PortalAvailability(one.result().portalId(), one.result().available(), one.result().note()));
                        return all.then(one).withResult(all.result());
                    }));
        });
    }

    /**
     * The availability log, newest first. Everyone's for those who read team stats or set others'
     * availability or see all work (VIEWER); only their own for a portal EMPLOYEE; 403 for anyone else.
     */
    Mono<LogPage> log(UUID orgId, UUID portalId, UUID userId, Long before, int limit, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> portals.require(orgId, portalId)
                .then(members.find(orgId, portalId, me.userId()).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(mine -> {
                    PortalAccess access = me.in(mine.map(PortalMember::role));
                    boolean everyone = access.readsTeamStats() || access.setsOthersAvailability() || access.work() == PortalAccess.Work.ALL;
                    UUID whose = userId;
                    if (!everyone) {
                        if (mine.isEmpty() || (userId != null && !userId.equals(me.userId()))) {
                            return Mono.error(ProblemException.forbidden("You may read only your own availability log."));
                        }
                        whose = me.userId();
                    }
                    return log.page(orgId, portalId, whose, before, limit + 1).collectList().map(entries -> entries.size() > limit
                            ? new LogPage(entries.subList(0, limit), entries.get(limit - 1).id())
                            : new LogPage(entries, null));
                }));
    }

    private Mono<PortalAccess> access(OrgCaller me, UUID portalId) {
        return members.find(me.orgId(), portalId, me.userId()).map(me::in).defaultIfEmpty(me.in(Optional.empty()));
    }

    private Mono<OrgMember> activeOrgMember(UUID orgId, UUID userId) {
        return orgMembers.find(orgId, userId).filter(OrgMember::isActive).switchIfEmpty(Mono.error(() -> Problems.notAnActiveMember(userId)));
    }

    private static MemberView view(PortalMember member, OrgMember who) {
        return MemberView.of(member, who.displayName(), who.email(), who.role());
    }
}
