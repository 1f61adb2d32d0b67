package io.switchboard.events.org;

import java.util.UUID;

/**
 * A membership as it is now (org.membership-state.v1, key {@code <orgId>:<userId>}): its role (built-in name or
 * {@code custom:<roleId>}) and status, {@code ACTIVE} or {@code DEACTIVATED}. A removed membership, or one of a
 * deleted organization, has no state: its key carries a tombstone.
 */
public record MembershipState(UUID orgId, UUID userId, String role, String status) {
}
