package io.switchboard.routing.profiles;

import java.util.List;
import java.util.Map;

/**
 * A whole routing profile, replacing the stored one: {@code channels} maps each allowed channel to its capacity
 * (0..100), {@code clients} maps each client id to the allowed channels the member handles it on. Missing maps
 * are empty ones. {@code leadCapacity} (optional, 0..100): how many open leads the member may hold; absent or
 * null: leads are not capacity-bound for them. The rules are {@link RoutingProfile#checked}'s.
 */
record ProfileRequest(Map<String, Integer> channels, Map<String, List<String>> clients, Integer leadCapacity) {
}
