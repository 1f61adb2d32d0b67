package io.switchboard.events.portal;

import java.util.UUID;

/** An org member joined a portal with a portal role (EMPLOYEE or MANAGER); they start available. */
public record PortalMemberAdded(UUID orgId, UUID portalId, UUID userId, String portalRole) {
}
