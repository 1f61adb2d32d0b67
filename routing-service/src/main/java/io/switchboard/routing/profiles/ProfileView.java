package io.switchboard.routing.profiles;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A member's routing profile as the API shows it: the same {@code channels} and {@code clients} as a PUT takes,
 * plus {@code openCounts}: the work open on each channel the member has a row for (also on channels no longer
 * allowed while work there is still open); {@code leadCapacity} (null: leads are not capacity-bound for them) and
 * {@code openLeads}, the open leads they hold.
 */
record ProfileView(UUID userId, Map<String, Integer> channels, Map<UUID, List<String>> clients, Map<String, Integer> openCounts,
                   Integer leadCapacity, int openLeads) {

    static ProfileView of(UUID userId, Profiles.Stored stored) {
        return new ProfileView(userId, stored.profile().channels(), stored.profile().clients(), stored.openCounts(),
                stored.profile().leadCapacity(), stored.openLeads());
    }
}
