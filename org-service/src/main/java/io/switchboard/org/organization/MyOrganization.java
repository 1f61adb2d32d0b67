package io.switchboard.org.organization;

import java.util.UUID;

/** One line of the company switcher. */
public record MyOrganization(UUID orgId, String name, String role, String status, boolean primaryOwner) {
}
