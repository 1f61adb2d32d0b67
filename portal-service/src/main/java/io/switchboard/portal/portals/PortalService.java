package io.switchboard.portal.portals;

import io.switchboard.events.access.PortalRole;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.Constraints;
import io.switchboard.portal.change.OrgWrites;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Portals: listing what the caller sees, creating, renaming and archiving them (OWNER and ADMIN only), and the
 * organization's default portal, made once whoever asks for it first.
 */
@Service
public class PortalService {

    private final Portals portals;
    private final PortalMembers members;
    private final Callers callers;
    private final OrgWrites writes;
    private final Clock clock;

    PortalService(Portals portals, PortalMembers members, Callers callers, OrgWrites writes, Clock clock) {
        this.portals = portals;
        this.members = members;
        this.callers = callers;
        this.writes = writes;
        this.clock = clock;
    }

    Flux<PortalView> list(UUID orgId, Caller caller, boolean includeArchived) {
        return callers.member(orgId, caller).flatMapMany(me -> portals.list(orgId, me.userId(), includeArchived && me.administersPortals())
                .filter(listed -> me.in(Optional.ofNullable(listed.myPortalRole()).map(PortalRole::valueOf)).seesPortal())
                .map(PortalView::of));
    }

    Mono<PortalView> get(UUID orgId, UUID portalId, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> view(orgId, portalId, me.userId())
                .filter(view -> me.in(Optional.ofNullable(view.myPortalRole()).map(PortalRole::valueOf)).seesPortal())
                .switchIfEmpty(Mono.error(() -> ProblemException.forbidden("You do not see this portal."))));
    }

    Mono<PortalView> create(UUID orgId, Caller caller, CreatePortalRequest request) {
        return administrator(orgId, caller).flatMap(me -> {
            Change<Portal> created = Portal.create(orgId, request.name(), request.description(), request.accentColor(), false, now());
            return writes.write(orgId, Actor.user(caller.userId()), () -> defaultPortal(orgId).then(portals.insert(created.result())).thenReturn(created))
                    .onErrorMap(e -> Constraints.violated(e, Portals.NAME_UNIQUE), e -> Problems.nameTaken(created.result().name()))
                    .flatMap(portal -> view(orgId, portal.id(), me.userId()));
        });
    }

    Mono<PortalView> update(UUID orgId, UUID portalId, Caller caller, UpdatePortalRequest request) {
        return administrator(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(caller.userId()), () -> require(orgId, portalId)
                        .map(portal -> portal.update(request.name(), request.description(), request.accentColor()))
                        .flatMap(change -> change.isEmpty() ? Mono.just(change) : portals.save(change.result()).thenReturn(change)))
                .onErrorMap(e -> Constraints.violated(e, Portals.NAME_UNIQUE), e -> Problems.nameTaken(Portal.checkedName(request.name())))
                .flatMap(portal -> view(orgId, portal.id(), me.userId())));
    }

    /** Archives the portal: its members leave it (PORTAL_ARCHIVED), its work is to move to the default portal. */
    Mono<Void> archive(UUID orgId, UUID portalId, Caller caller) {
        return administrator(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(caller.userId()), () -> require(orgId, portalId)
                .flatMap(portal -> {
                    Instant now = now();
                    if (portal.isDefault()) {
                        return Mono.error(Problems.defaultPortal());
                    }
                    return defaultPortal(orgId).flatMap(defaults -> {
                        Change<Portal> archived = defaults.then(portal.archive(defaults.result().id(), now));
                        return members.ofPortal(orgId, portalId)
                                .concatMap(member -> members.delete(member).thenReturn(member.leave(PortalMember.LeaveReason.PORTAL_ARCHIVED, caller.userId(), now)))
                                .reduce(archived, (change, left) -> change.then(left).withResult(archived.result()))
                                .flatMap(change -> portals.save(archived.result()).thenReturn(change));
                    });
                }))).then();
    }

    /** For org.organization.created: the organization's default portal, made if it does not exist yet. */
    public Mono<Portal> ensureDefaultPortal(UUID orgId, Actor actor) {
        return writes.write(orgId, actor, () -> defaultPortal(orgId));
    }

    /**
     * Inside a write: the default portal, created (with its event and audit line) when the organization has
     * none yet. The partial unique index on (org_id) where is_default backs the organization's lock.
     */
    Mono<Change<Portal>> defaultPortal(UUID orgId) {
        return portals.findDefault(orgId).map(Change::none)
                .switchIfEmpty(Mono.defer(() -> {
                    Change<Portal> created = Portal.createDefault(orgId, now());
                    return portals.insert(created.result()).thenReturn(created);
                }));
    }

    /** The default portal's id; empty while the organization has none yet. */
    Mono<UUID> defaultPortalId(UUID orgId) {
        return portals.findDefault(orgId).map(Portal::id);
    }

    Mono<Portal> require(UUID orgId, UUID portalId) {
        return portals.find(orgId, portalId).switchIfEmpty(Mono.error(() -> Problems.portalNotFound(portalId)));
    }

    private Mono<PortalView> view(UUID orgId, UUID portalId, UUID me) {
        return portals.listed(orgId, portalId, me).map(PortalView::of).switchIfEmpty(Mono.error(() -> Problems.portalNotFound(portalId)));
    }

    private Mono<OrgCaller> administrator(UUID orgId, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> me.administersPortals() ? Mono.just(me)
                : Mono.error(ProblemException.forbidden("Only owners and admins create, change and archive portals.")));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
