package io.switchboard.events.org;

import java.util.List;
import java.util.UUID;

/** A custom role was created or changed; members holding {@code custom:<roleId>} get these permissions. */
public record RoleDefined(UUID orgId, UUID roleId, String name, List<String> permissions) {
}
