package io.switchboard.routing.profiles;

import static io.switchboard.messaging.change.AuditEntry.fields;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.routing.ProfileUpdated;
import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import io.switchboard.routing.shared.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A member's routing profile: the channels they may take work on, each with a capacity (0..100), and the clients
 * they handle, each on some of those channels. Channels are kept in {@link Channel}'s order and clients by id, so
 * two equal profiles are equal records.
 *
 * @param channels     allowed channel -> capacity
 * @param clients      client -> the allowed channels they handle it on (never empty)
 * @param leadCapacity how many open leads they may hold (0..100); null: leads are not capacity-bound for them.
 *                     Leads of any client of the profile may come to them, whatever its channels.
 */
public record RoutingProfile(Map<String, Integer> channels, Map<UUID, List<String>> clients, Integer leadCapacity) {

    public static final int MAX_CAPACITY = 100;
    public static final RoutingProfile EMPTY = new RoutingProfile(Map.of(), Map.of());

    /** A profile without a lead capacity. */
    public RoutingProfile(Map<String, Integer> channels, Map<UUID, List<String>> clients) {
        this(channels, clients, null);
    }

    public RoutingProfile {
        Map<String, Integer> orderedChannels = new LinkedHashMap<>();
        for (String channel : Channel.names()) {
            if (channels.containsKey(channel)) {
                orderedChannels.put(channel, channels.get(channel));
            }
        }
        channels = java.util.Collections.unmodifiableMap(orderedChannels);
        Map<UUID, List<String>> orderedClients = new TreeMap<>(Comparator.comparing(UUID::toString));
        clients.forEach((client, list) -> orderedClients.put(client,
                Channel.names().stream().filter(list::contains).toList()));
        clients = java.util.Collections.unmodifiableMap(orderedClients);
    }

    /** One field at fault in a profile request. */
    public record FieldError(String field, String message) {
    }

    /**
     * Checks a request's shape and ranges, naming every field at fault: {@code channels.FAX} (unknown channel),
     * {@code channels.SMS} (capacity missing or outside 0..100), {@code clients.<key>} (not a client id),
     * {@code clients.<id>[i]} (unknown channel, or one the profile does not allow). Null maps are empty ones.
     * Whether the clients exist is checked against the organization afterwards ({@link #unknownClients}).
     */
    static RoutingProfile checked(Map<String, Integer> channels, Map<String, List<String>> clients) {
        return checked(channels, clients, null);
    }

    /** As {@link #checked(Map, Map)}, with {@code leadCapacity} null or 0..100. */
    static RoutingProfile checked(Map<String, Integer> channels, Map<String, List<String>> clients, Integer leadCapacity) {
        List<FieldError> errors = new ArrayList<>();
        if (leadCapacity != null && (leadCapacity < 0 || leadCapacity > MAX_CAPACITY)) {
            errors.add(new FieldError("leadCapacity", "must be null (leads not capacity-bound) or between 0 and " + MAX_CAPACITY));
        }
        Map<String, Integer> allowed = new LinkedHashMap<>();
        if (channels != null) {
            channels.forEach((channel, capacity) -> {
                if (!Channel.isKnown(channel)) {
                    errors.add(new FieldError("channels." + channel, "is not a channel; one of " + Channel.names()));
                } else if (capacity == null || capacity < 0 || capacity > MAX_CAPACITY) {
                    errors.add(new FieldError("channels." + channel, "capacity must be between 0 and " + MAX_CAPACITY));
                } else {
                    allowed.put(channel, capacity);
                }
            });
        }
        Map<UUID, List<String>> handled = new LinkedHashMap<>();
        if (clients != null) {
            clients.forEach((key, list) -> {
                UUID clientId = uuid(key);
                if (clientId == null) {
                    errors.add(new FieldError("clients." + key, "is not a client id"));
                    return;
                }
                Set<String> onChannels = new LinkedHashSet<>();
                List<String> given = list == null ? List.of() : list;
                for (int i = 0; i < given.size(); i++) {
                    String channel = given.get(i);
                    String field = "clients." + key + "[" + i + "]";
                    if (!Channel.isKnown(channel)) {
                        errors.add(new FieldError(field, "is not a channel; one of " + Channel.names()));
                    } else if (channels == null || !channels.containsKey(channel)) {
                        errors.add(new FieldError(field, channel + " is not among the profile's channels"));
                    } else {
                        onChannels.add(channel);
                    }
                }
                if (!onChannels.isEmpty()) {
                    handled.put(clientId, List.copyOf(onChannels));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return new RoutingProfile(allowed, handled, leadCapacity);
    }

    /** The clients of this profile that are not among {@code known} (live clients of the organization): 400 naming each. */
    void requireKnownClients(Set<UUID> known) {
        List<FieldError> errors = unknownClients(known).stream()
                .map(id -> new FieldError("clients." + id, "is not a client of this organization")).toList();
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
    }

    List<UUID> unknownClients(Set<UUID> known) {
        return clients.keySet().stream().filter(id -> !known.contains(id)).toList();
    }

    /**
     * Replaces {@code before} with this profile: a {@code routing.profile.updated} event and an audit line, or
     * nothing when the profile stays the same.
     */
    Change<RoutingProfile> replacing(RoutingProfile before, UUID orgId, UUID userId, UUID by, Instant now) {
        if (equals(before)) {
            return Change.none(this);
        }
        return Change.of(this,
                PendingEvent.of(EventCatalog.ROUTING_PROFILE_UPDATED, new ProfileUpdated(orgId, userId, List.copyOf(channels.keySet()),
                        channels, clients, by, now)),
                new AuditEntry("routing.profile.updated", "user:" + userId, before.auditState(), auditState()));
    }

    private Map<String, Object> auditState() {
        Map<String, Object> clientChannels = new LinkedHashMap<>();
        clients.forEach((id, list) -> clientChannels.put(id.toString(), list));
        return fields("channels", channels, "clients", clientChannels, "leadCapacity", leadCapacity);
    }

    private static UUID uuid(String key) {
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
