package io.switchboard.messaging.change;

import java.util.ArrayList;
import java.util.List;

/**
 * What one step of a write decided: its result, the events to append to the outbox and the audit lines to
 * record (org-service's audit log, or another service's audit stream), all in the transaction of the change. {@code result} may be null (a change that answers nothing).
 */
public record Change<T>(T result, List<PendingEvent<?>> events, List<AuditEntry> audit) {

    public Change {
        events = List.copyOf(events);
        audit = List.copyOf(audit);
    }

    /** Nothing to publish or audit: the state already was what was asked for. */
    public static <T> Change<T> none(T result) {
        return new Change<>(result, List.of(), List.of());
    }

    public static <T> Change<T> of(T result, PendingEvent<?> event, AuditEntry audit) {
        return new Change<>(result, List.of(event), List.of(audit));
    }

    public boolean isEmpty() {
        return events.isEmpty() && audit.isEmpty();
    }

    public Change<T> and(PendingEvent<?> event) {
        List<PendingEvent<?>> more = new ArrayList<>(events);
        more.add(event);
        return new Change<>(result, more, audit);
    }

    public Change<T> and(AuditEntry entry) {
        List<AuditEntry> more = new ArrayList<>(audit);
        more.add(entry);
        return new Change<>(result, events, more);
    }

    /** This change's events and audit lines followed by {@code other}'s; the result is {@code other}'s. */
    public <R> Change<R> then(Change<R> other) {
        List<PendingEvent<?>> moreEvents = new ArrayList<>(events);
        moreEvents.addAll(other.events());
        List<AuditEntry> moreAudit = new ArrayList<>(audit);
        moreAudit.addAll(other.audit());
        return new Change<>(other.result(), moreEvents, moreAudit);
    }

    public <R> Change<R> withResult(R newResult) {
        return new Change<>(newResult, events, audit);
    }
}
