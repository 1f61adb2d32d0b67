package io.switchboard.org.seat;

import io.switchboard.events.access.BuiltInRole;
import java.time.Instant;
import java.util.UUID;

/**
 * The seat held by one pending invitation of one organization, reserved when the invitation was sent. Its
 * role is what the invitation gives; accepting it must name the same role.
 */
public record SeatReservation(UUID orgId, UUID invitationId, String role, Instant expiresAt, UUID invitedBy) {

    /** VIEWER invitations hold a reservation (acceptance needs it) but no agent seat. */
    public boolean takesSeat() {
        return BuiltInRole.takesSeat(role, false);
    }

    SeatReservation extendedTo(Instant newExpiry) {
        return new SeatReservation(orgId, invitationId, role, newExpiry, invitedBy);
    }
}
