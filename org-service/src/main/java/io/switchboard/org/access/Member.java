package io.switchboard.org.access;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A membership with the permissions its role grants. {@code role} is a built-in name or {@code custom:<roleId>}. */
public record Member(UUID orgId, UUID userId, String role, String status, String email, String displayName, Instant joinedAt,
                     Set<Permission> permissions) {

    public static final String ACTIVE = "ACTIVE";
    public static final String DEACTIVATED = "DEACTIVATED";
    public static final String REMOVED = "REMOVED";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }

    public boolean can(Permission permission) {
        return isActive() && permissions.contains(permission);
    }

    public Optional<BuiltInRole> builtInRole() {
        return BuiltInRole.byName(role);
    }

    public boolean isOwner() {
        return builtInRole().filter(r -> r == BuiltInRole.OWNER).isPresent();
    }

    public boolean takesSeat() {
        return isActive() && builtInRole().map(BuiltInRole::takesSeat).orElse(true);
    }
}
