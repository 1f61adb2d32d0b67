package io.switchboard.routing.settings;

import io.switchboard.events.access.Permission;
import io.switchboard.events.access.PortalRole;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.access.Callers;
import io.switchboard.routing.access.OrgCaller;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.routing.portals.Portals;
import io.switchboard.routing.portals.RoutedPortal;
import io.switchboard.routing.work.QueueDrain;
import io.switchboard.web.Caller;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A portal's routing settings: read by whoever sees the portal; set by OWNERs and ADMINs, and by the portal's
 * MANAGER when their role holds routing:manage. A change drains the queues in the same write (a strategy that is
 * no longer MANUAL lets the portal's queued work through at once).
 */
@Service
public class SettingsService {

    static final String PORTAL_ARCHIVED = "portal-archived";

    private final Portals portals;
    private final QueueDrain queues;
    private final Callers callers;
    private final OrgWrites writes;

    SettingsService(Portals portals, QueueDrain queues, Callers callers, OrgWrites writes) {
        this.portals = portals;
        this.queues = queues;
        this.callers = callers;
        this.writes = writes;
    }

    Mono<SettingsView> get(UUID orgId, UUID portalId, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> require(orgId, portalId)
                .flatMap(portal -> portals.membership(portalId, me.userId())
                        .flatMap(role -> me.in(role).seesPortal() ? Mono.just(SettingsView.of(portal))
                                : Mono.error(RoutingProblems.forbidden("You do not see this portal.")))));
    }

    Mono<SettingsView> replace(UUID orgId, UUID portalId, Caller caller, SettingsRequest request) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> require(orgId, portalId)
                        .flatMap(portal -> portals.membership(portalId, me.userId())
                                .flatMap(role -> managesRouting(me, role) ? Mono.just(portal)
                                        : Mono.error(RoutingProblems.forbidden("Owners and admins set a portal's routing; so does its manager holding routing:manage."))))
                        .flatMap(portal -> portal.archived()
                                ? Mono.error(RoutingProblems.conflict(PORTAL_ARCHIVED, "portal " + portalId + " is archived.", "portalId", "is archived"))
                                : Mono.just(portal))
                        .flatMap(portal -> {
                            Change<PortalRoutingSettings> change = PortalRoutingSettings.checked(request.strategy(), request.rerouteAwayAfterMinutes(), request.leadsCapacityBound())
                                    .replacing(PortalRoutingSettings.of(portal), portalId);
                            if (change.isEmpty()) {
                                return Mono.just(change);
                            }
                            return portals.saveSettings(orgId, portalId, change.result().strategy(), change.result().rerouteAwayAfterMinutes(),
                                            change.result().leadsCapacityBound())
                                    .then(queues.drain(orgId))
                                    .map(drained -> change.then(drained).withResult(change.result()));
                        }))
                .then(require(orgId, portalId)).map(SettingsView::of));
    }

    private Mono<RoutedPortal> require(UUID orgId, UUID portalId) {
        return portals.find(orgId, portalId).switchIfEmpty(Mono.error(() -> RoutingProblems.notFound("portal " + portalId)));
    }

    /** OWNER and ADMIN; the portal's MANAGER whose role holds routing:manage. */
    static boolean managesRouting(OrgCaller me, Optional<PortalRole> portalRole) {
        return me.isAdmin() || (me.holds(Permission.ROUTING_MANAGE) && portalRole.filter(role -> role == PortalRole.MANAGER).isPresent());
    }
}
