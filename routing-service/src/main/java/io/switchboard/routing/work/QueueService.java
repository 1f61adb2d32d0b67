package io.switchboard.routing.work;

import io.switchboard.events.access.Permission;
import io.switchboard.events.access.PortalAccess;
import io.switchboard.routing.access.Callers;
import io.switchboard.routing.access.OrgCaller;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.portals.Portals;
import io.switchboard.web.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What waits: the queues of the portals whose work the caller sees in full (managers, admins, viewers). */
@Service
class QueueService {

    private final Callers callers;
    private final Portals portals;
    private final WorkItems items;
    private final Clock clock;

    QueueService(Callers callers, Portals portals, WorkItems items, Clock clock) {
        this.callers = callers;
        this.portals = portals;
        this.items = items;
        this.clock = clock;
    }

    Mono<List<QueueView>> queues(UUID orgId, UUID portalId, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> portalsSeenInFull(me, portalId).collectList().flatMap(seen -> seen.isEmpty()
                ? (portalId != null ? Mono.error(RoutingProblems.notFound("portal " + portalId)) : Mono.just(List.<QueueView>of()))
                : queued(orgId, seen)));
    }

    private Flux<UUID> portalsSeenInFull(OrgCaller me, UUID portalId) {
        Flux<UUID> candidates = portalId != null ? Flux.just(portalId) : portals.active(me.orgId());
        return candidates.filterWhen(id -> portals.find(me.orgId(), id).hasElement()
                .flatMap(exists -> exists && me.holds(Permission.CONVERSATIONS_READ)
                        ? portals.membership(id, me.userId()).map(role -> me.in(role).work() == PortalAccess.Work.ALL) : Mono.just(false)));
    }

    private Mono<List<QueueView>> queued(UUID orgId, List<UUID> portalIds) {
        Instant now = clock.instant();
        Mono<Map<WorkItem.QueueKey, Long>> assignedLastHour = items.assignedSince(orgId, portalIds, now.minus(Duration.ofHours(1)));
        Mono<List<WorkItem>> waiting = items.queuedIn(orgId, portalIds).collectList();
        return Mono.zip(assignedLastHour, waiting).map(both -> {
            Map<WorkItem.QueueKey, List<WorkItem>> byQueue = new LinkedHashMap<>();
            both.getT2().forEach(item -> byQueue.computeIfAbsent(item.queueKey(), key -> new ArrayList<>()).add(item));
            List<QueueView> views = new ArrayList<>();
            byQueue.forEach((key, list) -> {
                long assigned = both.getT1().getOrDefault(new WorkItem.QueueKey(key.portalId(), null, key.channel(), key.clientId()), 0L);
                List<QueueView.Waiting> waitingItems = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    WorkItem item = list.get(i);
                    int position = i + 1;
                    Long estimate = assigned == 0 ? null : Math.round(position * 3600.0 / assigned);
                    waitingItems.add(new QueueView.Waiting(item.id(), item.externalId(), position,
                            Math.max(0, Duration.between(item.openedAt(), now).toSeconds()), estimate));
                }
                views.add(new QueueView(key.portalId(), key.teamId(), key.channel(), key.clientId(), list.size(),
                        waitingItems.get(0).waitingSeconds(), waitingItems));
            });
            return views;
        });
    }
}
