package io.switchboard.events.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code previousAssigneeId} no longer holds the conversation (or lead): a manager unassigned it (MANUAL), or
 * the platform took it back to route it again: MEMBER_REMOVED, MEMBER_DEACTIVATED, LEFT_PORTAL, LEFT_TEAM,
 * AWAY_TOO_LONG, PORTAL_ARCHIVED. Either way it is routed again at once: a WorkAssigned or WorkQueued follows
 * in the same transaction (after MANUAL, to anyone but the previous assignee). Travels as
 * {@code routing.conversation.unassigned} (MANUAL) or {@code routing.conversation.rerouted} (the platform).
 */
public record WorkUnassigned(UUID orgId, String kind, UUID workId, UUID portalId, UUID teamId, String channel,
                             UUID previousAssigneeId, String reason, UUID unassignedBy, Instant unassignedAt) {
}
