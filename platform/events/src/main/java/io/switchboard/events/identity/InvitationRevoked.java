package io.switchboard.events.identity;

import java.util.UUID;

/**
 * A pending invitation was revoked: its link no longer works, and org-service releases the seat it reserved.
 * {@code invitedBy} is the person who sent it; {@code reason} says who revoked it.
 */
public record InvitationRevoked(UUID orgId, UUID invitationId, String email, String role, UUID invitedBy, Reason reason) {

    public enum Reason {
        /** Someone allowed to manage the invitation revoked it ({@code actor} of the envelope). */
        REVOKED_BY_USER,
        /** The inviter was removed, deactivated or demoted and could no longer give the invitation's role. */
        INVITER_LOST_RIGHTS
    }
}
