package io.switchboard.identity.invitation;

import io.switchboard.events.routing.RoutingSetup;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An invitation as its org's admins see it: never the token. {@code routing} is null when none was given. {@code status} is PENDING, ACCEPTED, REVOKED or EXPIRED. */
record InvitationView(UUID id, UUID orgId, String email, String role, List<UUID> portalIds, String firstName, String lastName,
                      String phone, RoutingSetup routing, String status, UUID invitedBy, Instant createdAt, Instant expiresAt) {

    static InvitationView of(Invitation invitation, Instant now) {
        return new InvitationView(invitation.id(), invitation.orgId(), invitation.email(), invitation.role(), invitation.portalIds(),
                invitation.person().firstName(), invitation.person().lastName(), invitation.person().phone(), invitation.routing(),
                invitation.statusAt(now).name(), invitation.invitedBy(), invitation.createdAt(), invitation.expiresAt());
    }
}
