package io.switchboard.routing.profiles;

import io.switchboard.events.access.Permission;
import io.switchboard.events.access.PortalAccess;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.access.Callers;
import io.switchboard.routing.access.OrgCaller;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.routing.clients.ClientService;
import io.switchboard.routing.portals.Portals;
import io.switchboard.routing.work.QueueDrain;
import io.switchboard.web.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Reading and replacing members' routing profiles. OWNERs and ADMINs set anyone's; a member whose role holds
 * routing:manage sets those of the members of the portals where they are portal MANAGER, never an OWNER's or
 * ADMIN's; everyone reads their own. A replaced profile drains the queues in the same write, so raised capacity
 * or a new channel or client takes queued work at once.
 */
@Service
public class ProfileService {

    private final Profiles profiles;
    private final ClientService clients;
    private final Portals portals;
    private final QueueDrain queues;
    private final Callers callers;
    private final OrgWrites writes;
    private final Clock clock;

    ProfileService(Profiles profiles, ClientService clients, Portals portals, QueueDrain queues, Callers callers, OrgWrites writes, Clock clock) {
        this.profiles = profiles;
        this.clients = clients;
        this.portals = portals;
        this.queues = queues;
        this.callers = callers;
        this.writes = writes;
        this.clock = clock;
    }

    Mono<ProfileView> get(UUID orgId, UUID userId, Caller caller) {
        return callers.member(orgId, caller)
                .flatMap(me -> targetRole(orgId, userId)
                        .flatMap(targetRole -> me.userId().equals(userId) ? Mono.just(true) : mayChange(me, userId, targetRole)))
                .flatMap(allowed -> allowed ? profiles.find(orgId, userId) : Mono.error(Problems.mayNotRead()))
                .map(stored -> ProfileView.of(userId, stored));
    }

    /** Replaces the whole profile in one write: channel rows, client grants, the event and audit line, then the drain. */
    Mono<ProfileView> replace(UUID orgId, UUID userId, Caller caller, ProfileRequest request) {
        return callers.member(orgId, caller)
                .flatMap(me -> targetRole(orgId, userId)
                        .flatMap(targetRole -> mayChange(me, userId, targetRole))
                        .flatMap(allowed -> allowed ? Mono.just(me) : Mono.error(Problems.mayNotChange())))
                .flatMap(me -> {
                    RoutingProfile wanted = RoutingProfile.checked(request.channels(), request.clients(), request.leadCapacity());
                    return writes.write(orgId, Actor.user(me.userId()), () -> replaceInWrite(orgId, userId, wanted, me.userId()));
                })
                .then(profiles.find(orgId, userId))
                .map(stored -> ProfileView.of(userId, stored));
    }

    private Mono<Change<RoutingProfile>> replaceInWrite(UUID orgId, UUID userId, RoutingProfile wanted, UUID by) {
        return clients.existing(orgId, wanted.clients().keySet())
                .doOnNext(wanted::requireKnownClients)
                .then(profiles.find(orgId, userId))
                .map(stored -> wanted.replacing(stored.profile(), orgId, userId, by, now()))
                .flatMap(change -> change.isEmpty() ? Mono.just(change)
                        : profiles.replace(orgId, userId, wanted)
                                .then(queues.drainFor(orgId, userId))
                                .map(drained -> change.then(drained).withResult(wanted)));
    }

    /** The target's org role; 404 naming userId when they are not an active member of the organization. */
    private Mono<String> targetRole(UUID orgId, UUID userId) {
        return profiles.activeRole(orgId, userId).switchIfEmpty(Mono.error(() -> Problems.notAMember(userId)));
    }

    /**
     * OWNER and ADMIN: anyone. A role holding routing:manage: members who are no OWNER or ADMIN of a portal where
     * the caller is portal MANAGER. Nobody else.
     */
    private Mono<Boolean> mayChange(OrgCaller me, UUID userId, String targetRole) {
        if (me.isAdmin()) {
            return Mono.just(true);
        }
        if (!me.holds(Permission.ROUTING_MANAGE) || PortalAccess.administersPortals(targetRole)) {
            return Mono.just(false);
        }
        return portals.managedBy(me.orgId(), me.userId()).collect(Collectors.toSet())
                .zipWith(profiles.portalsOf(me.orgId(), userId), ProfileService::shareAPortal);
    }

    static boolean shareAPortal(Set<UUID> managed, Set<UUID> targetPortals) {
        return targetPortals.stream().anyMatch(managed::contains);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
