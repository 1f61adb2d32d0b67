package io.switchboard.routing.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.routing.portals.RoutedPortal;
import io.switchboard.routing.shared.Strategy;
import java.util.UUID;

/** A portal's routing settings as the API shows them; {@code rerouteAwayAfterMinutes} null means never. */
record SettingsView(UUID portalId, @JsonProperty("isDefault") boolean isDefault, boolean archived, Strategy strategy, Integer rerouteAwayAfterMinutes,
                    boolean leadsCapacityBound) {

    SettingsView(UUID portalId, boolean isDefault, boolean archived, Strategy strategy, Integer rerouteAwayAfterMinutes) {
        this(portalId, isDefault, archived, strategy, rerouteAwayAfterMinutes, true);
    }

    static SettingsView of(RoutedPortal portal) {
        return new SettingsView(portal.id(), portal.isDefault(), portal.archived(), portal.strategy(), portal.rerouteAwayAfterMinutes(),
                portal.leadsCapacityBound());
    }
}
