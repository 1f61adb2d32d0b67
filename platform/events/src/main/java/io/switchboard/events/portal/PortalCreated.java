package io.switchboard.events.portal;

import java.util.UUID;

/** A portal (department) of an organization; {@code isDefault} for the one every organization gets ("Sales Portal"). */
public record PortalCreated(UUID orgId, UUID portalId, String name, String description, String accentColor, boolean isDefault) {
}
