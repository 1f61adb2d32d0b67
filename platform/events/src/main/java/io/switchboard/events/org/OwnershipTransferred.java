package io.switchboard.events.org;

import java.util.UUID;

/** The target is now primary owner; the previous one kept {@code previousOwnerRole} (OWNER or ADMIN). */
public record OwnershipTransferred(UUID orgId, UUID transferId, UUID fromUserId, UUID toUserId, String previousOwnerRole) {
}
