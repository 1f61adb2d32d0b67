package io.switchboard.events.identity;

import io.switchboard.events.routing.RoutingSetup;
import java.util.List;
import java.util.UUID;

/**
 * An invitee accepted: org-service makes them a member with the invited role. {@code firstName},
 * {@code lastName} and {@code phone} are what the inviter entered (or the invitee confirmed), for member
 * details; each may be null. {@code routing} is the routing setup given with the invitation (channels and
 * capacities, clients, teams), applied by routing-service when the member joins; null when none was given.
 */
public record InvitationAccepted(UUID orgId, UUID invitationId, UUID userId, String email, String displayName, String role,
                                 List<UUID> portalIds, String firstName, String lastName, String phone, RoutingSetup routing) {

    /** Without a routing setup. */
    public InvitationAccepted(UUID orgId, UUID invitationId, UUID userId, String email, String displayName, String role,
                              List<UUID> portalIds, String firstName, String lastName, String phone) {
        this(orgId, invitationId, userId, email, displayName, role, portalIds, firstName, lastName, phone, null);
    }

    /** Without the optional person details (producers before they were added). */
    public InvitationAccepted(UUID orgId, UUID invitationId, UUID userId, String email, String displayName, String role, List<UUID> portalIds) {
        this(orgId, invitationId, userId, email, displayName, role, portalIds, null, null, null, null);
    }
}
