package io.switchboard.events.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A member's routing profile as it is now: allowed channels, capacity per channel, and per client the channels
 * they may handle it on. Kept on routing.assignments.v1 so that dashboards read capacities and assignments
 * from one ordered stream.
 */
public record ProfileUpdated(UUID orgId, UUID userId, List<String> channels, Map<String, Integer> capacities,
                             Map<UUID, List<String>> clients, UUID updatedBy, Instant updatedAt) {
}
