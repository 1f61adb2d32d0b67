package io.switchboard.routing.leadstatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What leads use of their statuses: the organization's list, and recording and reading a lead's status history. */
@Component
public class LeadStatuses {

    /**
     * One status change of a lead: ids as stored, names as the current list has them (null for a status since
     * removed), who and when.
     */
    public record HistoryEntry(String fromStatusId, String fromStatusName, String toStatusId, String toStatusName, UUID changedBy,
                               Instant changedAt) {
    }

    private final LeadStatusStore store;

    LeadStatuses(LeadStatusStore store) {
        this.store = store;
    }

    public Mono<LeadStatusList> current(UUID orgId) {
        return store.list(orgId);
    }

    /** Records a lead's status change (inside the organization's write that made it). */
    public Mono<Void> record(UUID orgId, UUID workId, String from, String to, UUID by, Instant at) {
        return store.record(orgId, workId, from, to, by, at);
    }

    /** A lead's history, oldest first, names resolved from the current list. */
    public Mono<List<HistoryEntry>> history(UUID orgId, UUID workId) {
        return store.list(orgId).flatMap(list -> store.history(orgId, workId)
                .map(change -> new HistoryEntry(change.fromStatusId(), name(list, change.fromStatusId()), change.toStatusId(),
                        name(list, change.toStatusId()), change.changedBy(), change.changedAt()))
                .collectList());
    }

    private static String name(LeadStatusList list, String id) {
        return list.find(id).map(LeadStatus::name).orElse(null);
    }
}
