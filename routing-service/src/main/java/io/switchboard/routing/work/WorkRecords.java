package io.switchboard.routing.work;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What other features (leads) read and change of work items without reaching into this package's repositories:
 * every call is scoped by the organization; locking calls belong inside the organization's write.
 */
@Component
public class WorkRecords {

    private final WorkItems items;
    private final Notes notes;

    WorkRecords(WorkItems items, Notes notes) {
        this.items = items;
        this.notes = notes;
    }

    public Mono<WorkItem> find(UUID orgId, UUID id) {
        return items.find(orgId, id);
    }

    /** Reads and row-locks the item for the rest of the transaction. */
    public Mono<WorkItem> lock(UUID orgId, UUID id) {
        return items.lock(orgId, id);
    }

    /** Its place in its queue (1 = next), for a queued item. */
    public Mono<Integer> position(WorkItem item) {
        return items.position(item);
    }

    /** A page of a portal's items of one kind, newest first; only {@code assignee}'s when given. */
    public Flux<WorkItem> inPortal(UUID orgId, UUID portalId, Kind kind, UUID assignee, WorkStatus status, PageCursor before, int limit) {
        return items.inPortal(orgId, portalId, kind, assignee, status, before, limit);
    }

    /** A lead's new status id (the history is the caller's). */
    public Mono<Void> leadStatus(UUID id, String statusId) {
        return items.leadStatus(id, statusId);
    }

    public Mono<Void> addNote(UUID orgId, NoteView note) {
        return notes.add(orgId, note);
    }

    public Mono<List<NoteView>> notes(UUID orgId, UUID workId) {
        return notes.of(orgId, workId).collectList();
    }
}
