package io.switchboard.routing.teams;

import io.switchboard.events.access.Permission;
import io.switchboard.events.access.PortalRole;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.Constraints;
import io.switchboard.routing.access.Callers;
import io.switchboard.routing.access.OrgCaller;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.routing.portals.Portals;
import io.switchboard.routing.portals.RoutedPortal;
import io.switchboard.routing.work.Dispatcher;
import io.switchboard.routing.work.QueueDrain;
import io.switchboard.web.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Teams: seen by whoever sees their portal; created, changed and deleted by OWNERs and ADMINs anywhere and by a
 * portal MANAGER whose role holds routing:manage in their portals. A new team, a member added and a strategy
 * changed drain the queues in the same write; a member taken out gives back the work they hold in the team
 * (routed again); a deleted team's queued work moves to its portal's queue.
 */
@Service
public class TeamService {

    private final Teams teams;
    private final Portals portals;
    private final Dispatcher dispatcher;
    private final QueueDrain queues;
    private final Callers callers;
    private final OrgWrites writes;
    private final Clock clock;

    TeamService(Teams teams, Portals portals, Dispatcher dispatcher, QueueDrain queues, Callers callers, OrgWrites writes, Clock clock) {
        this.teams = teams;
        this.portals = portals;
        this.dispatcher = dispatcher;
        this.queues = queues;
        this.callers = callers;
        this.writes = writes;
        this.clock = clock;
    }

    Flux<TeamView> list(UUID orgId, UUID portalId, Caller caller) {
        return callers.member(orgId, caller).flatMapMany(me -> teams.list(orgId, portalId)
                .concatMap(listed -> seesPortal(me, listed.team().portalId()).filter(Boolean::booleanValue).map(sees -> listed)))
                .map(TeamView::of);
    }

    Mono<TeamView> get(UUID orgId, UUID teamId, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> require(orgId, teamId)
                .flatMap(listed -> seesPortal(me, listed.team().portalId())
                        .flatMap(sees -> sees ? Mono.just(TeamView.of(listed)) : Mono.error(Problems.mayNotSee()))));
    }

    Mono<TeamView> create(UUID orgId, Caller caller, CreateTeamRequest request) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> livePortal(orgId, request.portalId())
                        .flatMap(portal -> requireManager(me, portal.id()))
                        .then(Mono.defer(() -> {
                            Team.checkedName(request.name());
                            Team.checkedStrategy(request.strategy());
                            return checkedMembers(request.portalId(), request.memberIds());
                        }))
                        .flatMap(members -> {
                            Change<Team> created = Team.create(orgId, request.portalId(), request.name(), request.strategy(), members, now());
                            return teams.insert(created.result())
                                    .thenMany(Flux.fromIterable(members).concatMap(userId -> teams.addMember(created.result(), userId)))
                                    .then(queues.drain(orgId))
                                    .map(drained -> created.then(drained).withResult(created.result().id()));
                        }))
                .onErrorMap(e -> Constraints.violated(e, Teams.NAME_UNIQUE), e -> Problems.nameTaken(Team.checkedName(request.name())))
                .flatMap(teamId -> require(orgId, teamId)).map(TeamView::of));
    }

    Mono<TeamView> update(UUID orgId, UUID teamId, Caller caller, UpdateTeamRequest request) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> require(orgId, teamId)
                        .flatMap(listed -> requireManager(me, listed.team().portalId()).thenReturn(listed.team()))
                        .flatMap(team -> {
                            Change<Team> change = team.update(request.name(), request.strategy());
                            if (change.isEmpty()) {
                                return Mono.just(change.withResult(team.id()));
                            }
                            Mono<Change<Void>> drain = team.routesDifferentlyThan(change.result()) ? queues.drain(orgId) : Mono.just(Change.none(null));
                            return teams.save(change.result()).then(drain).map(drained -> change.then(drained).withResult(team.id()));
                        }))
                .onErrorMap(e -> Constraints.violated(e, Teams.NAME_UNIQUE), e -> Problems.nameTaken(Team.checkedName(request.name())))
                .flatMap(id -> require(orgId, id)).map(TeamView::of));
    }

    /** Soft-deletes the team; its queued work moves to its portal's queue, what its members hold stays with them. */
    Mono<Void> delete(UUID orgId, UUID teamId, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> require(orgId, teamId)
                .flatMap(listed -> requireManager(me, listed.team().portalId()).thenReturn(listed.team()))
                .flatMap(team -> {
                    Change<Team> deleted = team.delete(now());
                    return teams.save(deleted.result()).then(dispatcher.teamDeleted(orgId, teamId))
                            .map(moved -> deleted.then(moved));
                }))).then();
    }

    /** Adds a member of the team's portal (409 naming userId for anyone else) and drains; adding a member twice changes nothing. */
    Mono<TeamView> addMember(UUID orgId, UUID teamId, UUID userId, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> require(orgId, teamId)
                        .flatMap(listed -> requireManager(me, listed.team().portalId()).thenReturn(listed.team()))
                        .flatMap(team -> portals.isMember(team.portalId(), userId)
                                .flatMap(inPortal -> inPortal ? teams.addMember(team, userId) : Mono.error(Problems.notAPortalMember(userId)))
                                .flatMap(added -> added
                                        ? queues.drainFor(orgId, userId).map(drained -> Change.<Void>none(null).and(team.memberAdded(userId)).then(drained))
                                        : Mono.just(Change.<Void>none(null)))
                                .map(change -> change.withResult(team.id()))))
                .flatMap(id -> require(orgId, id)).map(TeamView::of));
    }

    /** Takes the member out of the team; the work they hold in it is taken back and routed again. Idempotent. */
    Mono<Void> removeMember(UUID orgId, UUID teamId, UUID userId, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> require(orgId, teamId)
                .flatMap(listed -> requireManager(me, listed.team().portalId()).thenReturn(listed.team()))
                .flatMap(team -> teams.removeMember(team, userId)
                        .flatMap(removed -> removed
                                ? dispatcher.takeBackInTeam(orgId, userId, teamId, "LEFT_TEAM", me.userId())
                                        .map(takenBack -> Change.<Void>none(null).and(team.memberRemoved(userId)).then(takenBack))
                                : Mono.just(Change.<Void>none(null)))))).then();
    }

    /** The members of a new team: each must be in the portal (400 naming {@code memberIds[i]}); duplicates count once. */
    private Mono<List<UUID>> checkedMembers(UUID portalId, List<UUID> memberIds) {
        List<UUID> given = memberIds == null ? List.of() : memberIds;
        return Flux.range(0, given.size())
                .concatMap(i -> {
                    UUID userId = given.get(i);
                    if (userId == null) {
                        return Mono.error(Problems.invalid("memberIds[" + i + "]", "must be a user id"));
                    }
                    return portals.isMember(portalId, userId).flatMap(member -> member ? Mono.just(userId)
                            : Mono.error(Problems.invalid("memberIds[" + i + "]", "is not a member of the portal")));
                })
                .collectList()
                .map(ids -> new ArrayList<>(new LinkedHashSet<>(ids)));
    }

    /** A portal of the organization, not archived: 400 naming portalId otherwise. */
    private Mono<RoutedPortal> livePortal(UUID orgId, UUID portalId) {
        return portals.find(orgId, portalId)
                .filter(portal -> !portal.archived())
                .switchIfEmpty(Mono.error(() -> Problems.invalid("portalId", "is not a portal of this organization (or it is archived)")));
    }

    private Mono<Teams.Listed> require(UUID orgId, UUID teamId) {
        return teams.find(orgId, teamId).switchIfEmpty(Mono.error(() -> Problems.teamNotFound(teamId)));
    }

    private Mono<Boolean> seesPortal(OrgCaller me, UUID portalId) {
        return portals.membership(portalId, me.userId()).map(role -> me.in(role).seesPortal());
    }

    /** OWNER and ADMIN anywhere; a portal MANAGER whose role holds routing:manage in that portal. */
    private Mono<Void> requireManager(OrgCaller me, UUID portalId) {
        if (me.isAdmin()) {
            return Mono.empty();
        }
        if (!me.holds(Permission.ROUTING_MANAGE)) {
            return Mono.error(Problems.mayNotChange());
        }
        return portals.membership(portalId, me.userId())
                .flatMap(role -> managesRouting(me, role) ? Mono.<Void>empty() : Mono.error(Problems.mayNotChange()));
    }

    static boolean managesRouting(OrgCaller me, Optional<PortalRole> portalRole) {
        return me.isAdmin() || (me.holds(Permission.ROUTING_MANAGE) && portalRole.filter(role -> role == PortalRole.MANAGER).isPresent());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
