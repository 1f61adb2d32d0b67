package io.switchboard.events.portal;

import java.util.UUID;

/**
 * A portal was archived: it takes no new work and its members leave it. Its open work moves to the
 * organization's default portal, {@code defaultPortalId} (routing-service does that).
 */
public record PortalArchived(UUID orgId, UUID portalId, UUID defaultPortalId) {
}
