package io.switchboard.events.org;

import java.util.UUID;

/** A person became an active member of an organization, with a role (built-in name or custom role id). */
public record MemberJoined(UUID orgId, UUID userId, String role) {
}
