package io.switchboard.routing.leads;

import io.switchboard.routing.leadstatus.LeadStatus;
import io.switchboard.routing.leadstatus.LeadStatusList;
import io.switchboard.routing.leadstatus.LeadStatuses;
import io.switchboard.routing.work.WorkItem;
import io.switchboard.routing.work.WorkStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A lead as the API shows it: {@code state} QUEUED, ASSIGNED or CLOSED; {@code statusId} with the current list's
 * {@code statusName} and {@code outcome}; {@code queuePosition} only while it waits (1 = next); {@code history}
 * (oldest first) on a single lead, null in lists.
 */
record LeadView(UUID id, String externalId, UUID portalId, UUID teamId, UUID clientId, String source, String statusId, String statusName,
                String outcome, String state, UUID assigneeId, String contactName, String contactEmail, String contactPhone, String company,
                String message, Instant openedAt, Instant assignedAt, Instant closedAt, Integer queuePosition,
                List<LeadStatuses.HistoryEntry> history) {

    static LeadView of(WorkItem item, NewLead.Contact contact, LeadStatusList statuses, Integer queuePosition, List<LeadStatuses.HistoryEntry> history) {
        LeadStatus status = statuses.find(item.statusId()).orElse(null);
        return new LeadView(item.id(), item.externalId(), item.portalId(), item.teamId(), item.clientId(), item.source(), item.statusId(),
                status == null ? null : status.name(), status == null ? null : status.outcome().name(), item.status().name(), item.assigneeId(),
                contact.contactName(), contact.contactEmail(), contact.contactPhone(), contact.company(), contact.message(), item.openedAt(),
                item.assignedAt(), item.closedAt(), item.status() == WorkStatus.QUEUED ? queuePosition : null, history);
    }
}
