package io.switchboard.events.org;

import java.util.UUID;

public record OrganizationUpdated(UUID orgId, String name, String plan, int seatLimit, String timezone) {
}
