package io.switchboard.events.org;

import io.switchboard.events.routing.RoutingSetup;
import java.util.List;
import java.util.UUID;

/**
 * A person became an active member of an organization, with a role (built-in name or custom role id).
 * {@code displayName} and {@code email} say who they are (for member lists in other services; may be null
 * from producers before they were added). {@code portalIds} are the portals they join (empty when the
 * invitation named none, or for the organization's creator): portal-service puts the member in them, as
 * {@code portalRole} when given, else with the role their org role implies
 * ({@link io.switchboard.events.access.PortalRole#onJoining}). {@code routing} is the routing setup given with
 * their invitation (or direct creation), which routing-service applies; null when none was given.
 */
public record MemberJoined(UUID orgId, UUID userId, String role, String displayName, String email, List<UUID> portalIds,
                           String portalRole, RoutingSetup routing) {

    public MemberJoined {
        portalIds = portalIds == null ? List.of() : List.copyOf(portalIds);
    }

    /** Without a routing setup. */
    public MemberJoined(UUID orgId, UUID userId, String role, String displayName, String email, List<UUID> portalIds,
                        String portalRole) {
        this(orgId, userId, role, displayName, email, portalIds, portalRole, null);
    }

    /** Without who they are and without portals (tests, producers before those were added). */
    public MemberJoined(UUID orgId, UUID userId, String role) {
        this(orgId, userId, role, null, null, List.of(), null, null);
    }
}
