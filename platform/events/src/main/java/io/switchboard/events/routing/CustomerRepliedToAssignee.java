package io.switchboard.events.routing;

import java.time.Instant;
import java.util.UUID;

/** The customer wrote again in a conversation; {@code assigneeId} (null while queued) is who holds it. */
public record CustomerRepliedToAssignee(UUID orgId, UUID workId, String externalId, UUID portalId, String channel,
                                        UUID assigneeId, String preview, Instant repliedAt) {
}
