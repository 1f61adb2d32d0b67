package io.switchboard.events.org;

import java.util.UUID;

/** The member's access to the organization ends now; their history stays. */
public record MemberRemoved(UUID orgId, UUID userId) {
}
