package io.switchboard.routing.work;

import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.shared.Strategy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where work goes: opening and routing it, taking work back and routing it again, manual assignment, closing.
 * Every method runs inside the organization's write ({@code OrgWrites.write}), so its state changes, its
 * capacity bookkeeping and its events commit together, one organization at a time. Changes that may let someone
 * take queued work end with a drain ({@link QueueDrain}); opening keeps the queue rule by queuing behind a
 * non-empty queue.
 */
@Component
public class Dispatcher {

    public static final String NO_ELIGIBLE_AGENT = "NO_ELIGIBLE_AGENT";
    public static final String MANUAL_STRATEGY = "MANUAL_STRATEGY";

    private final WorkItems items;
    private final Claims claims;
    private final QueueDrain queues;
    private final Clock clock;

    Dispatcher(WorkItems items, Claims claims, QueueDrain queues, Clock clock) {
        this.items = items;
        this.claims = claims;
        this.queues = queues;
        this.clock = clock;
    }

    /**
     * What to open; validated by the caller (the portal, team and client exist in the organization). A lead has
     * {@code channel} {@link Kind#LEAD_CHANNEL}, a {@code source} and its first {@code statusId}.
     */
    public record NewWork(UUID orgId, Kind kind, String externalId, UUID portalId, UUID teamId, UUID clientId, String channel,
                          String customerName, String subject, Instant openedAt, String source, String statusId) {

        /** A conversation. */
        public NewWork(UUID orgId, Kind kind, String externalId, UUID portalId, UUID teamId, UUID clientId, String channel,
                       String customerName, String subject, Instant openedAt) {
            this(orgId, kind, externalId, portalId, teamId, clientId, channel, customerName, subject, openedAt, null, null);
        }

        NewWork withExternalId(String newExternalId) {
            return new NewWork(orgId, kind, newExternalId, portalId, teamId, clientId, channel, customerName, subject, openedAt, source, statusId);
        }

        NewWork inPortal(UUID newPortal, UUID newTeam) {
            return new NewWork(orgId, kind, externalId, newPortal, newTeam, clientId, channel, customerName, subject, openedAt, source, statusId);
        }
    }

    /**
     * Opens the work item and routes it; idempotent by externalId: opening a known one answers it unchanged.
     * Its result says whether it was new. Empty when the insert's own checks refuse it (a portal, team or client
     * that is not there, or an archived portal): {@link Openings} then finds out which.
     */
    public Mono<Change<Opened>> open(NewWork work) {
        return items.insert(UUID.randomUUID(), work)
                .flatMap(inserted -> (inserted.queuedAhead() ? queued(inserted.item(), NO_ELIGIBLE_AGENT)
                        : route(inserted.item(), inserted.strategy(), NO_ELIGIBLE_AGENT))
                        .map(change -> change.withResult(new Opened(change.result(), true))))
                .switchIfEmpty(Mono.defer(() -> items.findByExternalId(work.orgId(), work.kind(), work.externalId())
                        .map(existing -> Change.none(new Opened(existing, false)))));
    }

    public record Opened(WorkItem item, boolean isNew) {
    }

    /**
     * Takes back the open work {@code userId} holds (in one portal, or everywhere), gives back its capacity, and
     * puts each item back in its queue at its original place; then drains, so each goes to whoever can take it
     * in FIFO order (ahead of work opened after it). What nobody can take waits, with a queued event.
     */
    public Mono<Change<Void>> takeBack(UUID orgId, UUID userId, Optional<UUID> portalId, String reason, UUID by) {
        return takeBackAll(orgId, items.heldBy(orgId, userId, portalId), reason, by, null);
    }

    /** As {@link #takeBack}, for the work of a team its member left. */
    public Mono<Change<Void>> takeBackInTeam(UUID orgId, UUID userId, UUID teamId, String reason, UUID by) {
        return takeBackAll(orgId, items.heldInTeam(orgId, userId, teamId), reason, by, null);
    }

    /** An archived portal's open work moves to the organization's default portal (out of its team) and is routed there. */
    public Mono<Change<Void>> moveToDefaultPortal(UUID orgId, UUID archivedPortal, UUID defaultPortal) {
        return takeBackAll(orgId, items.openIn(orgId, archivedPortal), "PORTAL_ARCHIVED", null, defaultPortal);
    }

    private Mono<Change<Void>> takeBackAll(UUID orgId, Flux<WorkItem> open, String reason, UUID by, UUID moveTo) {
        Instant now = clock.instant();
        return open.collectList().flatMap(list -> Flux.fromIterable(list)
                .concatMap(item -> {
                    Mono<Change<Void>> free = item.status() == WorkStatus.ASSIGNED
                            ? claims.release(orgId, item.assigneeId(), item.channel()).then(items.requeue(item.id()))
                                    .thenReturn(Change.<Void>none(null).and(item.takenBack(reason, by, now)))
                            : Mono.just(Change.none(null));
                    return moveTo == null ? free : free.flatMap(change -> items.moveToPortal(item.id(), moveTo).thenReturn(change));
                })
                .reduce(Change.<Void>none(null), Change::then)
                .flatMap(change -> queues.drain(orgId).map(change::then))
                .flatMap(change -> Flux.fromIterable(list)
                        .concatMap(item -> items.find(orgId, item.id())
                                .filter(now2 -> now2.status() == WorkStatus.QUEUED)
                                .flatMap(waiting -> queued(waiting, "REROUTED")))
                        .reduce(change, (all, queuedChange) -> all.then(queuedChange.withResult((Void) null)))));
    }

    /**
     * A deleted team's work: what its members hold stays with them; what waits moves to its portal's queue (at
     * its original place in time) and is routed there.
     */
    public Mono<Change<Void>> teamDeleted(UUID orgId, UUID teamId) {
        return items.leaveTeam(orgId, teamId).then(queues.drain(orgId));
    }

    /** Closes an open conversation; capacity is given back and the queues drained in the same transaction. Closing twice changes nothing. */
    public Mono<Change<WorkItem>> close(WorkItem locked, UUID by) {
        if (!locked.isOpen()) {
            return Mono.just(Change.none(locked));
        }
        return closeWith(locked, locked.closed(by, clock.instant()));
    }

    /**
     * Closes open work with the event that says why ({@code event} first, then the drain's): a lead closes when its
     * status's outcome is WON or LOST. Its capacity is given back and the queues drained in the same transaction.
     */
    public Mono<Change<WorkItem>> closeWith(WorkItem locked, io.switchboard.messaging.change.PendingEvent<?> event) {
        if (!locked.isOpen()) {
            return Mono.just(Change.<WorkItem>none(locked).and(event));
        }
        Instant now = clock.instant();
        Mono<Void> release = locked.status() == WorkStatus.ASSIGNED ? claims.release(locked.orgId(), locked.assigneeId(), locked.channel()) : Mono.empty();
        Mono<Change<Void>> drain = locked.status() == WorkStatus.ASSIGNED ? queues.drainFor(locked.orgId(), locked.assigneeId()) : Mono.just(Change.none(null));
        return release.then(items.close(locked.id(), now))
                .thenReturn(Change.<WorkItem>none(null).and(event))
                .flatMap(change -> drain.map(change::then))
                .flatMap(change -> items.find(locked.orgId(), locked.id()).map(change::withResult));
    }

    /**
     * A manager takes the work from its assignee: it goes back to its queue at its original place and is routed
     * at once to anyone but them. Nobody else eligible: it waits. The platform never gives it back to them (a
     * manager may), else the next drain would undo the manager's decision; then their freed room drains the queues.
     */
    public Mono<Change<WorkItem>> unassign(WorkItem locked, UUID by) {
        if (locked.status() != WorkStatus.ASSIGNED) {
            return Mono.just(Change.none(locked));
        }
        Instant now = clock.instant();
        return claims.release(locked.orgId(), locked.assigneeId(), locked.channel())
                .then(items.requeueUnassigned(locked.id(), locked.assigneeId()))
                .thenReturn(Change.<Void>none(null).and(locked.takenBack("MANUAL", by, now)))
                .flatMap(change -> route(locked.unassigned(), "UNASSIGNED").map(change::then))
                .flatMap(change -> queues.drainFor(locked.orgId(), locked.assigneeId()).map(change::then))
                .flatMap(change -> items.find(locked.orgId(), locked.id()).map(change::withResult));
    }

    /**
     * Assigns open work to {@code userId} by hand. Within the rules, the person's profile must allow the channel
     * and the client and they must be below capacity (typed 409 otherwise); {@code force} (admins only, checked by
     * the caller) counts it anyway and is audited. The previous assignee, if any, gets their capacity back.
     */
    public Mono<Change<WorkItem>> assign(WorkItem locked, UUID userId, boolean force, UUID by) {
        if (!locked.isOpen()) {
            return Mono.error(RoutingProblems.conflict("work-closed", "This " + locked.kind().noun + " is closed.", "id", "is closed"));
        }
        if (userId.equals(locked.assigneeId())) {
            return Mono.just(Change.none(locked));
        }
        Instant now = clock.instant();
        Mono<Claims.Reserved> reserve = force
                ? claims.reserveForced(locked.orgId(), userId, locked.channel(), locked.portalId())
                : claims.reserveWithinRules(locked.orgId(), userId, locked.channel(), locked.clientId(), locked.portalId())
                        .switchIfEmpty(Mono.defer(() -> refusal(locked, userId)));
        return reserve.flatMap(reserved -> {
            Mono<Void> releasePrevious = locked.assigneeId() != null
                    ? claims.release(locked.orgId(), locked.assigneeId(), locked.channel()) : Mono.empty();
            Change<Void> audit = force
                    ? Change.<Void>none(null).and(new AuditEntry(locked.kind() == Kind.LEAD ? "routing.lead.assigned.forced" : "conversation.assigned.forced", locked.kind().noun + ":" + locked.id(),
                            AuditEntry.fields("assignee", locked.assigneeId()), AuditEntry.fields("assignee", userId, "openOnChannel",
                                    reserved.openOnChannel(), "capacity", reserved.capacity())))
                    : Change.none(null);
            return releasePrevious.then(items.assignTo(locked.id(), userId, now))
                    .then(Mono.just(audit.and(locked.assigned(userId, locked.assigneeId(), force ? "FORCED" : "MANUAL", by,
                            reserved.openOnChannel(), reserved.capacity(), now))));
        })
                .flatMap(change -> (locked.assigneeId() != null ? queues.drainFor(locked.orgId(), locked.assigneeId()) : Mono.just(Change.<Void>none(null)))
                        .map(change::then))
                .flatMap(change -> items.find(locked.orgId(), locked.id()).map(change::withResult));
    }

    private Mono<Claims.Reserved> refusal(WorkItem item, UUID userId) {
        if (item.kind() == Kind.LEAD) {
            return claims.hasChannelAndClient(item.orgId(), userId, item.channel(), item.clientId())
                    .flatMap(has -> Mono.error(has
                            ? RoutingProblems.conflict("over-capacity", "user " + userId + " is at their lead capacity; an admin may force the assignment.",
                                    "userId", "is at their lead capacity")
                            : RoutingProblems.conflict("not-eligible", "user " + userId + "'s routing profile does not have this lead's client; "
                                    + "an admin may force the assignment.", "userId", "does not handle this lead's client")));
        }
        return claims.hasChannelAndClient(item.orgId(), userId, item.channel(), item.clientId())
                .flatMap(has -> Mono.error(has
                        ? RoutingProblems.conflict("over-capacity", "user " + userId + " is at capacity on " + item.channel()
                                + "; an admin may force the assignment.", "userId", "is at capacity on " + item.channel())
                        : RoutingProblems.conflict("not-eligible", "user " + userId + "'s routing profile does not allow " + item.channel()
                                + " for this client; an admin may force the assignment.", "userId", "has no " + item.channel() + " for this client")));
    }

    /** Routes one queued item: claims an agent by its strategy, or leaves it queued with its position. */
    Mono<Change<WorkItem>> route(WorkItem item, String queueReason) {
        return items.strategyOf(item).flatMap(strategy -> route(item, strategy, queueReason));
    }

    private Mono<Change<WorkItem>> route(WorkItem item, Strategy strategy, String queueReason) {
        return strategy == Strategy.MANUAL
                ? queued(item, MANUAL_STRATEGY)
                : claims.claim(item, strategy)
                        .flatMap(reserved -> queues.autoAssigned(item, reserved))
                        .switchIfEmpty(Mono.defer(() -> queued(item, queueReason)));
    }

    private Mono<Change<WorkItem>> queued(WorkItem item, String reason) {
        return items.position(item).map(position -> Change.<WorkItem>none(item).and(item.queued(position, reason, clock.instant())));
    }


}
