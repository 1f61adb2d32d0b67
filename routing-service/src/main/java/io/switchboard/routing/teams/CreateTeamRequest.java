package io.switchboard.routing.teams;

import io.switchboard.routing.shared.Strategy;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;

/** A new team of a portal, with its first members (who must be in the portal); the other rules are the {@link Team}'s. */
record CreateTeamRequest(@NotNull UUID portalId, String name, Strategy strategy, List<UUID> memberIds) {
}
