package io.switchboard.org.organization;

import java.time.Instant;
import java.util.UUID;

public record Organization(UUID id, String name, Plan plan, int seatLimit, String timezone, String phone, String billingEmail,
                           UUID primaryOwnerId, Instant createdAt) {
}
