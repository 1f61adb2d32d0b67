package io.switchboard.routing.portals;

import io.switchboard.routing.shared.Strategy;
import java.time.Instant;
import java.util.UUID;

/**
 * A portal as routing knows it: from portal.portals.v1 (default or not, archived or not) plus routing's own
 * settings for it: the strategy for work that targets no team, and after how many minutes away a member's open
 * conversations are routed again (null: never, the default), and whether its leads respect the members' lead
 * capacities (default true).
 */
public record RoutedPortal(UUID id, UUID orgId, boolean isDefault, Instant archivedAt, Strategy strategy, Integer rerouteAwayAfterMinutes,
                           boolean leadsCapacityBound) {

    public boolean archived() {
        return archivedAt != null;
    }
}
