package io.switchboard.org.portal;

import io.switchboard.events.access.PortalRole;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** One portal a member is in, with their role there (as portal-service last said). */
public record PortalMembership(UUID portalId, PortalRole portalRole) {

    /** The portal role by portal id. */
    public static Map<UUID, PortalRole> byPortal(Collection<PortalMembership> memberships) {
        return memberships.stream().collect(Collectors.toUnmodifiableMap(PortalMembership::portalId, PortalMembership::portalRole));
    }

    public static Set<UUID> portalIds(Collection<PortalMembership> memberships) {
        return memberships.stream().map(PortalMembership::portalId).collect(Collectors.toUnmodifiableSet());
    }
}
