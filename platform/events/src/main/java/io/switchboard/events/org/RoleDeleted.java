package io.switchboard.events.org;

import java.util.UUID;

public record RoleDeleted(UUID orgId, UUID roleId) {
}
