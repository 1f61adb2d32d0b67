package io.switchboard.portal.portals;

import io.switchboard.events.access.PortalAccess;
import io.switchboard.events.access.PortalRole;
import io.switchboard.events.access.Permission;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The caller as an active member of the organization: their org role and its permissions. */
record OrgCaller(UUID orgId, UUID userId, String role, Set<Permission> permissions) {

    /** What they may do in a portal where they hold {@code portalRole} (empty: not a member). */
    PortalAccess in(Optional<PortalRole> portalRole) {
        return PortalAccess.of(role, permissions, portalRole);
    }

    PortalAccess in(PortalMember membership) {
        return in(Optional.ofNullable(membership).map(PortalMember::role));
    }

    boolean administersPortals() {
        return PortalAccess.administersPortals(role);
    }
}
