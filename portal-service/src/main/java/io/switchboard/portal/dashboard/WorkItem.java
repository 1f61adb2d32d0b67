package io.switchboard.portal.dashboard;

import java.time.Instant;
import java.util.UUID;

/**
 * One conversation or lead as the dashboards count it: where it is, who holds it, whether it waits, is worked
 * on or is done. Each method applies one routing event and answers the row as it is after it; an event from a
 * record at or before the one the row already reflects ({@link Position}) changes nothing, so a redelivery or a
 * second consumer of the same records cannot count anything twice.
 */
record WorkItem(UUID orgId, UUID workId, Kind kind, UUID portalId, UUID teamId, String channel, State state, UUID assigneeId,
                String statusId, Outcome outcome, Instant openedAt, Instant queuedAt, Instant assignedAt, Instant closedAt,
                UUID handledBy, Position position) {

    enum Kind { CONVERSATION, LEAD }

    enum State { QUEUED, ASSIGNED, CLOSED }

    /** A lead status's outcome: OPEN, or WON and LOST which close the lead. */
    enum Outcome {
        OPEN, WON, LOST;

        boolean closes() {
            return this != OPEN;
        }

        static Outcome of(String name) {
            return name == null ? OPEN : valueOf(name);
        }
    }

    /** Where on routing.assignments.v1 an event came from; one organization's events are on one partition, in order. */
    record Position(int partition, long offset) {

        /** Whether this record comes after {@code other} (a row that reflects nothing yet: always). */
        boolean isAfter(Position other) {
            return other == null || partition != other.partition || offset > other.offset;
        }
    }

    /** A conversation or lead the projection has not seen yet. */
    static WorkItem unseen(UUID orgId, UUID workId, Kind kind) {
        return new WorkItem(orgId, workId, kind, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    boolean isUnseen() {
        return position == null;
    }

    /** It waits in its portal's queue (again, after an unassignment, or reopened). */
    WorkItem queued(Position at, UUID portal, UUID team, String onChannel, String status, Instant opened, Instant queued) {
        if (!at.isAfter(position)) {
            return this;
        }
        return new WorkItem(orgId, workId, kind, portal, team, onChannel, State.QUEUED, null, status != null ? status : statusId,
                kind == Kind.LEAD ? Outcome.OPEN : null, first(opened, queued), queued, assignedAt, null, null, at);
    }

    /** It belongs to {@code assignee} now (a first assignment, a reassignment, or taken from the queue). */
    WorkItem assigned(Position at, UUID portal, UUID team, String onChannel, UUID assignee, String status, Instant opened, Instant assigned) {
        if (!at.isAfter(position)) {
            return this;
        }
        return new WorkItem(orgId, workId, kind, portal, team, onChannel, State.ASSIGNED, assignee, status != null ? status : statusId,
                kind == Kind.LEAD ? Outcome.OPEN : null, first(opened, assigned), queuedAt, assigned, null, null, at);
    }

    /**
     * {@code previous} no longer holds it. Routing assigns or queues it again in the same transaction (the next
     * event); until then it counts as waiting. Work that is closed, or held by someone else, stays as it is.
     */
    WorkItem unassigned(Position at, UUID portal, UUID previous, Instant unassigned) {
        if (isUnseen() || !at.isAfter(position)) {
            return this;
        }
        if (state != State.ASSIGNED || (previous != null && !previous.equals(assigneeId))) {
            return withPosition(at);
        }
        return new WorkItem(orgId, workId, kind, portal != null ? portal : portalId, teamId, channel, State.QUEUED, null, statusId, outcome,
                openedAt, unassigned, assignedAt, null, null, at);
    }

    /** It is closed; {@code holder} (null if it was queued) handled it. */
    WorkItem closed(Position at, UUID portal, UUID team, String onChannel, UUID holder, Instant opened, Instant closed) {
        if (!at.isAfter(position)) {
            return this;
        }
        return new WorkItem(orgId, workId, kind, portal != null ? portal : portalId, team != null ? team : teamId, onChannel != null ? onChannel : channel,
                State.CLOSED, holder, statusId, outcome, opened != null ? opened : openedAt, queuedAt, assignedAt, closed, holder, at);
    }

    /**
     * A lead's new status. WON or LOST closes it, handled by its holder (null if it was queued); an OPEN status on a
     * closed lead opens it again, with its holder if it has one, else in the queue.
     */
    WorkItem statusChanged(Position at, UUID portal, UUID team, UUID holder, String toStatus, Outcome newOutcome, Instant opened, Instant changed) {
        if (!at.isAfter(position)) {
            return this;
        }
        UUID inPortal = portal != null ? portal : portalId;
        UUID inTeam = team != null ? team : teamId;
        Instant openedAtNow = opened != null ? opened : openedAt;
        if (newOutcome.closes()) {
            boolean wasClosed = state == State.CLOSED;
            return new WorkItem(orgId, workId, kind, inPortal, inTeam, channel, State.CLOSED, holder, toStatus, newOutcome, openedAtNow, queuedAt,
                    assignedAt, wasClosed && closedAt != null ? closedAt : changed, holder, at);
        }
        State now = state == null || state == State.CLOSED ? (holder != null ? State.ASSIGNED : State.QUEUED) : state;
        Instant queued = now == State.QUEUED && state != State.QUEUED ? changed : queuedAt;
        return new WorkItem(orgId, workId, kind, inPortal, inTeam, channel, now, holder != null ? holder : (now == State.QUEUED ? null : assigneeId),
                toStatus, Outcome.OPEN, openedAtNow, queued, assignedAt, null, null, at);
    }

    private WorkItem withPosition(Position at) {
        return new WorkItem(orgId, workId, kind, portalId, teamId, channel, state, assigneeId, statusId, outcome, openedAt, queuedAt,
                assignedAt, closedAt, handledBy, at);
    }

    private Instant first(Instant opened, Instant fallback) {
        if (openedAt != null) {
            return opened != null && opened.isBefore(openedAt) ? opened : openedAt;
        }
        return opened != null ? opened : fallback;
    }
}
