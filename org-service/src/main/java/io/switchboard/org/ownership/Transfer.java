package io.switchboard.org.ownership;

import java.time.Instant;
import java.util.UUID;

public record Transfer(UUID id, UUID orgId, UUID fromUserId, UUID toUserId, boolean stepDown, String status, Instant createdAt,
                       Instant expiresAt) {
}
