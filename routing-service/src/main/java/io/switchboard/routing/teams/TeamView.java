package io.switchboard.routing.teams;

import io.switchboard.routing.shared.Strategy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A team as the API shows it, with its members' ids. */
record TeamView(UUID id, UUID portalId, String name, Strategy strategy, List<UUID> memberIds, Instant createdAt) {

    static TeamView of(Teams.Listed listed) {
        Team t = listed.team();
        return new TeamView(t.id(), t.portalId(), t.name(), t.strategy(), listed.memberIds(), t.createdAt());
    }
}
