package io.switchboard.events.portal;

import java.util.UUID;

/** A portal's name, description or accent colour changed; the data is the portal as it is now. */
public record PortalUpdated(UUID orgId, UUID portalId, String name, String description, String accentColor) {
}
