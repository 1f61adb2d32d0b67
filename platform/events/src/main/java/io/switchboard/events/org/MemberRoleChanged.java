package io.switchboard.events.org;

import java.util.UUID;

public record MemberRoleChanged(UUID orgId, UUID userId, String previousRole, String role) {
}
