package io.switchboard.identity.invitation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An invitation as its org's admins see it; the token is never part of it. */
public record Invitation(UUID id, UUID orgId, String email, String role, List<UUID> portalIds, String firstName, String lastName,
                         String phone, String status, UUID invitedBy, Instant createdAt, Instant expiresAt) {
}
