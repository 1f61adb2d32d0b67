package io.switchboard.events.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A new member's routing setup, given with an invitation (or a direct creation) and applied by
 * routing-service when they join: {@code channels} maps each allowed channel to its capacity (0..100);
 * {@code clients} maps a client id to the channels (among the allowed ones) the member may handle that client
 * on; {@code teamIds} are the teams they join (once they are members of the team's portal). Clients and teams
 * that do not exist (or no longer exist) in the organization when the member joins are skipped.
 * Null parts read as empty.
 */
public record RoutingSetup(Map<String, Integer> channels, Map<UUID, List<String>> clients, List<UUID> teamIds) {

    /** The channels routing knows. */
    public static final List<String> CHANNELS = List.of("SMS", "LIVE_CHAT", "FACEBOOK", "WHATSAPP", "EMAIL", "INSTAGRAM");
    /** Capacity per channel: 0..MAX_CAPACITY. */
    public static final int MAX_CAPACITY = 100;
    /** At most this many clients in a setup. */
    public static final int MAX_CLIENTS = 100;
    /** At most this many teams in a setup. */
    public static final int MAX_TEAMS = 50;

    public RoutingSetup {
        channels = channels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        if (clients == null) {
            clients = Map.of();
        } else {
            Map<UUID, List<String>> copy = new LinkedHashMap<>();
            clients.forEach((id, list) -> copy.put(id, list == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(list))));
            clients = Collections.unmodifiableMap(copy);
        }
        teamIds = teamIds == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(teamIds));
    }

    /** Whether it sets nothing (no channels, clients or teams). */
    public boolean setsNothing() {
        return channels.isEmpty() && clients.isEmpty() && teamIds.isEmpty();
    }

    /**
     * What is wrong with it, field path (relative to the setup, e.g. {@code channels.FAX},
     * {@code clients.<id>[0]}) to message, in a stable order; empty when it is well formed. Checks the shape
     * only: whether the clients and teams exist is routing-service's to decide.
     */
    public Map<String, String> violations() {
        Map<String, String> problems = new LinkedHashMap<>();
        channels.forEach((channel, capacity) -> {
            if (channel == null || !CHANNELS.contains(channel)) {
                problems.put("channels." + channel, "unknown channel; one of " + String.join(", ", CHANNELS));
            } else if (capacity == null || capacity < 0 || capacity > MAX_CAPACITY) {
                problems.put("channels." + channel, "capacity must be between 0 and " + MAX_CAPACITY);
            }
        });
        if (clients.size() > MAX_CLIENTS) {
            problems.put("clients", "at most " + MAX_CLIENTS + " clients");
        }
        clients.forEach((client, list) -> {
            if (client == null) {
                problems.put("clients", "client ids must be UUIDs");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                String channel = list.get(i);
                if (channel == null || !channels.containsKey(channel)) {
                    problems.put("clients." + client + "[" + i + "]", "not among the allowed channels");
                }
            }
        });
        if (teamIds.size() > MAX_TEAMS) {
            problems.put("teamIds", "at most " + MAX_TEAMS + " teams");
        }
        for (int i = 0; i < teamIds.size(); i++) {
            if (teamIds.get(i) == null) {
                problems.put("teamIds[" + i + "]", "must not be null");
            }
        }
        return problems;
    }

    /** The teams, each once, in the given order. */
    public List<UUID> distinctTeams() {
        return List.copyOf(new LinkedHashSet<>(teamIds));
    }
}
