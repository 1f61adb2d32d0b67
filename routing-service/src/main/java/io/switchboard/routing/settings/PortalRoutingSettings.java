package io.switchboard.routing.settings;

import static io.switchboard.messaging.change.AuditEntry.fields;

import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.portals.RoutedPortal;
import io.switchboard.routing.shared.Strategy;
import java.util.List;
import java.util.UUID;

/**
 * A portal's routing settings: the strategy (required) for work that targets no team, and
 * {@code rerouteAwayAfterMinutes}, null (never: going away keeps one's work, the default) or 1..10080 (a week), and
 * {@code leadsCapacityBound}: whether leads in the portal respect the members' lead capacities (default true;
 * false: they ignore them, the count is still kept).
 */
public record PortalRoutingSettings(Strategy strategy, Integer rerouteAwayAfterMinutes, boolean leadsCapacityBound) {

    public PortalRoutingSettings(Strategy strategy, Integer rerouteAwayAfterMinutes) {
        this(strategy, rerouteAwayAfterMinutes, true);
    }

    public static final int MAX_MINUTES = 10_080;

    /** The settings asked for; 400 naming the field at fault. */
    static PortalRoutingSettings checked(Strategy strategy, Integer rerouteAwayAfterMinutes) {
        return checked(strategy, rerouteAwayAfterMinutes, null);
    }

    /** As {@link #checked(Strategy, Integer)}; {@code leadsCapacityBound} absent means true. */
    static PortalRoutingSettings checked(Strategy strategy, Integer rerouteAwayAfterMinutes, Boolean leadsCapacityBound) {
        if (strategy == null) {
            throw RoutingProblems.invalid("strategy", "must be one of ROUND_ROBIN, LOAD_BALANCED, MANUAL");
        }
        if (rerouteAwayAfterMinutes != null && (rerouteAwayAfterMinutes < 1 || rerouteAwayAfterMinutes > MAX_MINUTES)) {
            throw RoutingProblems.invalid("rerouteAwayAfterMinutes", "must be null (never) or between 1 and " + MAX_MINUTES);
        }
        return new PortalRoutingSettings(strategy, rerouteAwayAfterMinutes, !Boolean.FALSE.equals(leadsCapacityBound));
    }

    static PortalRoutingSettings of(RoutedPortal portal) {
        return new PortalRoutingSettings(portal.strategy(), portal.rerouteAwayAfterMinutes(), portal.leadsCapacityBound());
    }

    /** Replaces {@code before} with these settings: an audit line, or nothing when they stay the same. */
    Change<PortalRoutingSettings> replacing(PortalRoutingSettings before, UUID portalId) {
        if (equals(before)) {
            return Change.none(this);
        }
        return new Change<>(this, List.of(), List.of(new AuditEntry("routing.settings.updated", "portal:" + portalId,
                before.auditState(portalId), auditState(portalId))));
    }

    private java.util.Map<String, Object> auditState(UUID portalId) {
        return fields("portalId", portalId, "strategy", strategy.name(), "rerouteAwayAfterMinutes", rerouteAwayAfterMinutes,
                "leadsCapacityBound", leadsCapacityBound);
    }
}
