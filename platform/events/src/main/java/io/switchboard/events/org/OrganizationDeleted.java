package io.switchboard.events.org;

import java.util.UUID;

/** Every membership of the organization ends with it. */
public record OrganizationDeleted(UUID orgId) {
}
