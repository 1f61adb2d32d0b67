package io.switchboard.routing.teams;

import io.switchboard.routing.shared.Strategy;

/** Only the fields present change; a team stays in its portal. */
record UpdateTeamRequest(String name, Strategy strategy) {
}
