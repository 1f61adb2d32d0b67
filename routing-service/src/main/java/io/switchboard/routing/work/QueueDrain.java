package io.switchboard.routing.work;

import io.switchboard.messaging.change.Change;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the queue rule: at every commit, no queue's head can be claimed. A change that may free capacity or make
 * someone eligible (a close, an unassignment, availability on, a profile or capacity change, a member joining a
 * portal or team, a strategy change) ends with a drain, inside the organization's write, which claims heads in
 * FIFO order until each queue's head finds nobody.
 */
@Component
public class QueueDrain {

    private final WorkItems items;
    private final Claims claims;
    private final Clock clock;

    QueueDrain(WorkItems items, Claims claims, Clock clock) {
        this.items = items;
        this.claims = claims;
        this.clock = clock;
    }

    /**
     * Claims queued work that someone can take now, oldest first across all queues: the oldest head is claimed,
     * then its queue's next item takes its place among the heads; a head that finds nobody closes its queue for
     * this drain (the items behind it have the same eligibility), unless it waits only because a manager took it
     * from the one person who could take it: then the next item of its queue takes its place.
     */
    public Mono<Change<Void>> drain(UUID orgId) {
        return items.queueHeads(orgId).collectList()
                .flatMap(heads -> drainHeads(new ArrayList<>(heads), Change.none(null)));
    }

    /**
     * As {@link #drain(UUID)}, when what changed is one person's room or eligibility (their close, their
     * availability, profile, portal or team, their joining): only the queues they can serve now are drained. Any
     * other queue's head was unclaimable before and nothing changed for it.
     */
    public Mono<Change<Void>> drainFor(UUID orgId, UUID userId) {
        return items.queueHeadsServableBy(orgId, userId).collectList()
                .flatMap(heads -> drainHeads(new ArrayList<>(heads), Change.none(null)));
    }

    private Mono<Change<Void>> drainHeads(List<WorkItem> heads, Change<Void> done) {
        if (heads.isEmpty()) {
            return Mono.just(done);
        }
        WorkItem head = heads.remove(0);
        return items.strategyOf(head).flatMap(strategy -> claims.claim(head, strategy)
                .flatMap(reserved -> autoAssigned(head, reserved)
                        .flatMap(assigned -> items.nextInQueue(head)
                                .doOnNext(next -> insertByQueueOrder(heads, next))
                                .then(Mono.defer(() -> drainHeads(heads, done.then(assigned.withResult((Void) null)))))))
                .switchIfEmpty(Mono.defer(() -> head.unassignedFrom() == null ? drainHeads(heads, done)
                        // nobody but the person a manager took it from could take it: it waits, and the items behind it
                        // may still go to that person
                        : items.nextInQueue(head).doOnNext(next -> insertByQueueOrder(heads, next))
                                .then(Mono.defer(() -> drainHeads(heads, done))))));
    }

    private static void insertByQueueOrder(List<WorkItem> heads, WorkItem item) {
        int at = 0;
        while (at < heads.size() && heads.get(at).queueSeq() < item.queueSeq()) {
            at++;
        }
        heads.add(at, item);
    }

    /** The item assigned to the agent the claim reserved, by the platform, with its event. */
    Mono<Change<WorkItem>> autoAssigned(WorkItem item, Claims.Reserved reserved) {
        Instant now = clock.instant();
        WorkItem assigned = item.assignedTo(reserved.userId(), reserved.assignedAt() != null ? reserved.assignedAt() : now);
        return Mono.just(Change.<WorkItem>none(assigned).and(item.assigned(reserved.userId(), null, "AUTO", null,
                reserved.openOnChannel(), reserved.capacity(), now)));
    }
}
