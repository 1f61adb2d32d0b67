package io.switchboard.events.org;

import java.time.Instant;
import java.util.UUID;

public record OwnershipTransferRequested(UUID orgId, UUID transferId, UUID fromUserId, UUID toUserId, Instant expiresAt) {
}
