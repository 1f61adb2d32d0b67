package io.switchboard.routing.work;

import java.time.Instant;
import java.util.UUID;

/** A conversation as the API shows it; {@code queuePosition} only while it waits (1 = next). */
public record ConversationView(UUID id, String externalId, UUID portalId, UUID teamId, UUID clientId, String channel, String status,
                               UUID assigneeId, String customerName, String subject, Instant openedAt, Instant assignedAt,
                               Instant closedAt, Instant lastReplyAt, Integer queuePosition) {

    static ConversationView of(WorkItem item, Integer queuePosition) {
        return new ConversationView(item.id(), item.externalId(), item.portalId(), item.teamId(), item.clientId(), item.channel(),
                item.status().name(), item.assigneeId(), item.customerName(), item.subject(), item.openedAt(), item.assignedAt(),
                item.closedAt(), item.lastReplyAt(), item.status() == WorkStatus.QUEUED ? queuePosition : null);
    }
}
