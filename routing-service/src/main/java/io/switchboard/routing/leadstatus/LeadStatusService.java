package io.switchboard.routing.leadstatus;

import io.switchboard.events.access.Permission;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.access.Callers;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.web.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reading the organization's lead statuses (anyone holding leads:read) and replacing them (settings:write: the
 * built-in OWNER and ADMIN; not MANAGER). A replacement, its moves (with history rows), its event and its audit
 * line commit in one write under the organization's lock, so no lead changes status beside it.
 */
@Service
class LeadStatusService {

    private final LeadStatusStore store;
    private final Callers callers;
    private final OrgWrites writes;
    private final Clock clock;

    LeadStatusService(LeadStatusStore store, Callers callers, OrgWrites writes, Clock clock) {
        this.store = store;
        this.callers = callers;
        this.writes = writes;
        this.clock = clock;
    }

    Mono<LeadStatusesView> get(UUID orgId, Caller caller) {
        return callers.member(orgId, caller)
                .flatMap(me -> me.holds(Permission.LEADS_READ) ? store.list(orgId) : Mono.error(RoutingProblems.forbidden("you may not read lead statuses")))
                .map(LeadStatusesView::of);
    }

    Mono<LeadStatusesView> replace(UUID orgId, LeadStatusesRequest request, Caller caller) {
        return callers.member(orgId, caller)
                .flatMap(me -> me.holds(Permission.SETTINGS_WRITE) ? Mono.just(me)
                        : Mono.error(RoutingProblems.forbidden("only owners and admins (settings:write) edit lead statuses")))
                .flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> store.list(orgId).flatMap(before -> {
                    LeadStatusList next = before.replacedBy(request.statuses());
                    return store.leadsByStatus(orgId).flatMap(inUse -> {
                        Map<String, String> moves = before.checkedMoves(next, request.moves(), inUse);
                        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                        Change<LeadStatusList> change = next.replacing(before, moves, inUse, orgId, me.userId(), now);
                        if (change.isEmpty()) {
                            return Mono.just(change);
                        }
                        return Flux.fromIterable(moves.entrySet())
                                .concatMap(move -> store.move(orgId, move.getKey(), move.getValue(), me.userId(), now))
                                .then(store.save(orgId, next))
                                .thenReturn(change);
                    });
                })))
                .then(store.list(orgId)).map(LeadStatusesView::of);
    }
}
