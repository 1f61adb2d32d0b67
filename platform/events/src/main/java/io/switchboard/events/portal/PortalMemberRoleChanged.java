package io.switchboard.events.portal;

import java.util.UUID;

/** A portal member's portal role changed (EMPLOYEE or MANAGER). */
public record PortalMemberRoleChanged(UUID orgId, UUID portalId, UUID userId, String previousPortalRole, String portalRole) {
}
