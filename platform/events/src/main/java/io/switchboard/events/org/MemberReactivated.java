package io.switchboard.events.org;

import java.util.UUID;

public record MemberReactivated(UUID orgId, UUID userId, String role) {
}
