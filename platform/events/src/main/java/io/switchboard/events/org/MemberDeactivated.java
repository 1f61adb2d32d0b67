package io.switchboard.events.org;

import java.util.UUID;

/** Like a removal, but reversible: the member keeps their role for a later reactivation. */
public record MemberDeactivated(UUID orgId, UUID userId) {
}
