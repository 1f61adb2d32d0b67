package io.switchboard.routing.access;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.access.PortalAccess;
import io.switchboard.events.access.PortalRole;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The caller as an active member of the organization: their org role and its permissions. */
public record OrgCaller(UUID orgId, UUID userId, String role, Set<Permission> permissions) {

    /** What they may do in a portal where they hold {@code portalRole} (empty: not a member). */
    public PortalAccess in(Optional<PortalRole> portalRole) {
        return PortalAccess.of(role, permissions, portalRole);
    }

    /** OWNER or ADMIN: every portal, every routing setting, forced assignments. */
    public boolean isAdmin() {
        return PortalAccess.administersPortals(role);
    }

    public boolean holds(Permission permission) {
        return permissions.contains(permission);
    }

    public boolean isViewer() {
        return BuiltInRole.byName(role).filter(r -> r == BuiltInRole.VIEWER).isPresent();
    }
}
