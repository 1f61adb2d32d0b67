package io.switchboard.routing.settings;

import io.switchboard.routing.shared.Strategy;

/**
 * A portal's routing settings, replacing the stored ones ({@code leadsCapacityBound} absent: true); the rules are
 * {@link PortalRoutingSettings#checked}'s.
 */
record SettingsRequest(Strategy strategy, Integer rerouteAwayAfterMinutes, Boolean leadsCapacityBound) {

    SettingsRequest(Strategy strategy, Integer rerouteAwayAfterMinutes) {
        this(strategy, rerouteAwayAfterMinutes, null);
    }
}
