package io.switchboard.events.org;

import java.util.UUID;

/** A new organization; its creator is its primary owner. */
public record OrganizationCreated(UUID orgId, String name, String plan, UUID primaryOwnerId) {
}
