package io.switchboard.events.identity;

import java.util.List;
import java.util.UUID;

/** An invitee accepted: org-service makes them a member with the invited role. */
public record InvitationAccepted(UUID orgId, UUID invitationId, UUID userId, String email, String displayName, String role,
                                 List<UUID> portalIds) {
}
