package io.switchboard.portal.portals;

import io.switchboard.events.access.PortalRole;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.MemberReactivated;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.portal.change.OrgWrites;
import io.switchboard.portal.orgmember.OrgMember;
import io.switchboard.portal.orgmember.OrgMembers;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What organization membership changes do to portals: a join puts the member into the invitation's portals
 * (or the default portal), a removal takes them out of every portal, a deactivation makes them away
 * everywhere. Each runs as one write of the organization; the inbound listener makes it happen once per event.
 */
@Service
public class OrgMemberEvents {

    private static final Logger log = LoggerFactory.getLogger(OrgMemberEvents.class);

    private final PortalService portals;
    private final Portals portalRepository;
    private final PortalMembers members;
    private final OrgMembers orgMembers;
    private final OrgWrites writes;

    OrgMemberEvents(PortalService portals, Portals portalRepository, PortalMembers members, OrgMembers orgMembers, OrgWrites writes) {
        this.portals = portals;
        this.portalRepository = portalRepository;
        this.members = members;
        this.orgMembers = orgMembers;
        this.writes = writes;
    }

    /**
     * The member is (again) active with their role and joins the event's portals (unknown or archived ones are
     * skipped), or, when none is valid and their role joins it, the default portal (made if need be). Portals
     * they are already in are left as they are.
     */
    public Mono<Void> joined(MemberJoined event, Actor actor) {
        UUID orgId = event.orgId();
        PortalRole role = PortalRole.byName(event.portalRole()).orElse(PortalRole.onJoining(event.role()));
        return writes.write(orgId, actor, () -> orgMembers.save(new OrgMember(orgId, event.userId(), event.displayName(), event.email(),
                        event.role(), OrgMember.Status.ACTIVE))
                .then(portalRepository.findAll(orgId, event.portalIds()).collectList())
                .flatMap(named -> {
                    Set<UUID> valid = named.stream().map(Portal::id).collect(Collectors.toSet());
                    event.portalIds().stream().filter(id -> !valid.contains(id))
                            .forEach(id -> log.info("org.member.joined of org {} names portal {}, which it does not have (or archived); skipped", orgId, id));
                    if (!named.isEmpty()) {
                        return joinAll(orgId, event.userId(), named.stream().map(Portal::id).toList(), role, event.role(), actor);
                    }
                    if (!PortalRole.joinsDefaultPortal(event.role())) {
                        return Mono.just(Change.<Void>none(null));
                    }
                    return portals.defaultPortal(orgId).flatMap(defaults -> joinAll(orgId, event.userId(), List.of(defaults.result().id()), role, event.role(), actor)
                            .map(joined -> defaults.then(joined)));
                })).then();
    }

    private Mono<Change<Void>> joinAll(UUID orgId, UUID userId, List<UUID> portalIds, PortalRole role, String orgRole, Actor actor) {
        Instant now = portals.now();
        return Flux.fromIterable(portalIds)
                .concatMap(portalId -> members.find(orgId, portalId, userId).map(existing -> Change.<PortalMember>none(existing))
                        .switchIfEmpty(Mono.defer(() -> {
                            Change<PortalMember> joined = PortalMember.join(orgId, portalId, userId, role, orgRole, actor.userId(), now);
                            return members.insert(joined.result()).thenReturn(joined);
                        })))
                .reduce(Change.<Void>none(null), (all, one) -> all.then(one).withResult(null));
    }

    /** The new org role; portal roles and availability follow it where they must ({@link PortalMember#followOrgRole}). */
    public Mono<Void> roleChanged(MemberRoleChanged event, Actor actor) {
        Instant now = portals.now();
        return writes.write(event.orgId(), actor, () -> orgMembers.find(event.orgId(), event.userId())
                .flatMap(member -> orgMembers.save(member.withRole(event.role())))
                .thenMany(members.ofUser(event.orgId(), event.userId()))
                .concatMap(member -> {
                    Change<PortalMember> followed = member.followOrgRole(event.role(), actor.userId(), now);
                    return (followed.isEmpty() ? Mono.<Void>empty() : members.save(followed.result())).thenReturn(followed);
                })
                .reduce(Change.<Void>none(null), (all, one) -> all.then(one).withResult(null))).then();
    }

    /** Out of every portal (MEMBER_REMOVED), each recorded away in the availability log. */
    public Mono<Void> removed(MemberRemoved event, Actor actor) {
        Instant now = portals.now();
        return writes.write(event.orgId(), actor, () -> setStatus(event.orgId(), event.userId(), OrgMember.Status.REMOVED)
                .thenMany(members.ofUser(event.orgId(), event.userId()))
                .concatMap(member -> members.delete(member).thenReturn(member.leave(PortalMember.LeaveReason.MEMBER_REMOVED, actor.userId(), now)))
                .reduce(Change.<Void>none(null), (all, one) -> all.then(one).withResult(null))).then();
    }

    /** Away in every portal (MEMBER_DEACTIVATED), still a member of them. */
    public Mono<Void> deactivated(MemberDeactivated event, Actor actor) {
        Instant now = portals.now();
        return writes.write(event.orgId(), actor, () -> setStatus(event.orgId(), event.userId(), OrgMember.Status.DEACTIVATED)
                .thenMany(members.ofUser(event.orgId(), event.userId()))
                .concatMap(member -> {
                    Change<PortalMember> away = member.deactivated(actor.userId(), now);
                    return (away.isEmpty() ? Mono.<Void>empty() : members.save(away.result())).thenReturn(away);
                })
                .reduce(Change.<Void>none(null), (all, one) -> all.then(one).withResult(null))).then();
    }

    /** Active again; they stay away in their portals until someone makes them available. */
    public Mono<Void> reactivated(MemberReactivated event) {
        return writes.write(event.orgId(), Actor.SYSTEM, () -> orgMembers.find(event.orgId(), event.userId())
                .filter(member -> member.status() == OrgMember.Status.DEACTIVATED)
                .flatMap(member -> orgMembers.save(member.withStatus(OrgMember.Status.ACTIVE).withRole(event.role() != null ? event.role() : member.role())))
                .thenReturn(Change.<Void>none(null))).then();
    }

    private Mono<Void> setStatus(UUID orgId, UUID userId, OrgMember.Status status) {
        return orgMembers.find(orgId, userId).flatMap(member -> orgMembers.save(member.withStatus(status)));
    }
}
