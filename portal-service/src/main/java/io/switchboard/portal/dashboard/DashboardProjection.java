package io.switchboard.portal.dashboard;

import io.switchboard.events.routing.LeadAssigned;
import io.switchboard.events.routing.LeadQueued;
import io.switchboard.events.routing.LeadStatusChanged;
import io.switchboard.events.routing.LeadStatusesUpdated;
import io.switchboard.events.routing.ProfileUpdated;
import io.switchboard.events.routing.WorkAssigned;
import io.switchboard.events.routing.WorkClosed;
import io.switchboard.events.routing.WorkQueued;
import io.switchboard.events.routing.WorkUnassigned;
import io.switchboard.portal.dashboard.WorkItem.Kind;
import io.switchboard.portal.dashboard.WorkItem.Position;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies routing.assignments.v1 to the dashboards' read model, each event inside the inbox transaction of its
 * record ({@code partition}, {@code offset}: where it was read). A work item's row takes an event only when the
 * record comes after the one it reflects, so the model is the same however often a record is delivered.
 */
@Service
public class DashboardProjection {

    private final WorkItems items;
    private final OrgFacts facts;

    DashboardProjection(WorkItems items, OrgFacts facts) {
        this.items = items;
        this.facts = facts;
    }

    public Mono<Void> queued(WorkQueued e, int partition, long offset) {
        Position at = new Position(partition, offset);
        return change(e.orgId(), e.workId(), kind(e.kind()), item -> item.queued(at, e.portalId(), e.teamId(), e.channel(), null, e.openedAt(), e.queuedAt()));
    }

    public Mono<Void> queued(LeadQueued e, int partition, long offset) {
        Position at = new Position(partition, offset);
        return change(e.orgId(), e.workId(), Kind.LEAD, item -> item.queued(at, e.portalId(), e.teamId(), null, e.statusId(), e.openedAt(), e.queuedAt()));
    }

    public Mono<Void> assigned(WorkAssigned e, int partition, long offset) {
        Position at = new Position(partition, offset);
        // a conversation's events carry no openedAt; its assignment says how long it waited since it was opened
        var opened = e.assignedAt() == null ? null : e.assignedAt().minus(Duration.ofMillis(Math.max(0, e.waitedMillis())));
        return change(e.orgId(), e.workId(), kind(e.kind()), item -> item.assigned(at, e.portalId(), e.teamId(), e.channel(), e.assigneeId(), null, opened, e.assignedAt()));
    }

    public Mono<Void> assigned(LeadAssigned e, int partition, long offset) {
        Position at = new Position(partition, offset);
        return change(e.orgId(), e.workId(), Kind.LEAD, item -> item.assigned(at, e.portalId(), e.teamId(), null, e.assigneeId(), e.statusId(), e.openedAt(), e.assignedAt()));
    }

    public Mono<Void> unassigned(WorkUnassigned e, int partition, long offset) {
        Position at = new Position(partition, offset);
        return change(e.orgId(), e.workId(), kind(e.kind()), item -> item.unassigned(at, e.portalId(), e.previousAssigneeId(), e.unassignedAt()));
    }

    public Mono<Void> closed(WorkClosed e, int partition, long offset) {
        Position at = new Position(partition, offset);
        return change(e.orgId(), e.workId(), kind(e.kind()), item -> item.closed(at, e.portalId(), e.teamId(), e.channel(), e.assigneeId(), e.openedAt(), e.closedAt()));
    }

    public Mono<Void> statusChanged(LeadStatusChanged e, int partition, long offset) {
        Position at = new Position(partition, offset);
        return change(e.orgId(), e.workId(), Kind.LEAD, item -> item.statusChanged(at, e.portalId(), e.teamId(), e.assigneeId(), e.toStatusId(),
                WorkItem.Outcome.of(e.outcome()), e.openedAt(), e.changedAt()));
    }

    /** The member's capacities per channel, replaced (a replay ends on the latest profile, as the live stream does). */
    public Mono<Void> profileUpdated(ProfileUpdated e) {
        return facts.replaceCapacities(e.orgId(), e.userId(), e.capacities());
    }

    /** The organization's lead statuses, replaced; the leads of a removed status take the status they were moved to. */
    public Mono<Void> leadStatusesUpdated(LeadStatusesUpdated e) {
        Flux<Void> moves = e.moved() == null ? Flux.empty() : Flux.fromIterable(e.moved()).concatMap(move -> items.moveStatus(e.orgId(),
                move.fromStatusId(), move.toStatusId(), WorkItem.Outcome.of(e.statuses().stream().filter(s -> s.id().equals(move.toStatusId()))
                        .map(LeadStatusesUpdated.Status::outcome).findFirst().orElse("OPEN"))));
        return facts.replaceStatuses(e.orgId(), e.statuses()).thenMany(moves).then();
    }

    /** org.organization.updated: the organization's time zone (the dashboards' "today" and "this week"). */
    public Mono<Void> timezone(UUID orgId, String timezone) {
        return timezone == null || timezone.isBlank() ? Mono.empty() : facts.saveTimezone(orgId, timezone);
    }

    private Mono<Void> change(UUID orgId, UUID workId, Kind kind, UnaryOperator<WorkItem> apply) {
        return items.find(orgId, workId, kind).flatMap(item -> {
            WorkItem after = apply.apply(item);
            return after == item ? Mono.<Void>empty() : items.save(after);
        });
    }

    private static Kind kind(String kind) {
        return kind == null ? Kind.CONVERSATION : Kind.valueOf(kind);
    }
}
