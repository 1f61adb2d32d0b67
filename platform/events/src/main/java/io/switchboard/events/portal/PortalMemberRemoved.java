package io.switchboard.events.portal;

import java.util.UUID;

/**
 * A member left a portal. {@code reason}: REMOVED_FROM_PORTAL (taken out by someone), MEMBER_REMOVED (removed
 * from the organization), PORTAL_ARCHIVED.
 */
public record PortalMemberRemoved(UUID orgId, UUID portalId, UUID userId, String reason) {
}
