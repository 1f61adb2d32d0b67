package io.switchboard.routing.profiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The repository of routing profiles (agent_channels, profile_clients), and what the profile's rules read of the
 * membership projections (org_members, portal_members). Every query is scoped by the organization.
 */
@Component
class Profiles {

    /** A member's channel row: whether the profile allows it, its capacity, and the work open on it now. */
    record ChannelRow(String channel, boolean allowed, Integer capacity, int openCount) {
    }

    /**
     * The profile as stored, with the open counts of every channel row (also of channels no longer allowed), and
     * the open leads (the LEAD row's count).
     */
    record Stored(RoutingProfile profile, Map<String, Integer> openCounts, int openLeads) {
    }

    private static final String LEAD = "LEAD";

    private final DatabaseClient db;

    Profiles(DatabaseClient db) {
        this.db = db;
    }

    Mono<Stored> find(UUID orgId, UUID userId) {
        Mono<List<ChannelRow>> channels = db.sql("select channel, allowed, capacity, open_count from agent_channels where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId)
                .map(row -> new ChannelRow(row.get("channel", String.class), Boolean.TRUE.equals(row.get("allowed", Boolean.class)),
                        row.get("capacity", Integer.class), row.get("open_count", Integer.class)))
                .all().collectList();
        Mono<Map<UUID, List<String>>> clients = db.sql("select client_id, channel from profile_clients where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId)
                .map(row -> Map.entry(row.get("client_id", UUID.class), row.get("channel", String.class)))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return channels.zipWith(clients, (rows, handled) -> {
            Map<String, Integer> allowed = new LinkedHashMap<>();
            Map<String, Integer> open = new LinkedHashMap<>();
            Integer leadCapacity = null;
            int openLeads = 0;
            for (ChannelRow row : rows) {
                if (LEAD.equals(row.channel())) {
                    leadCapacity = row.capacity();
                    openLeads = row.openCount();
                    continue;
                }
                if (row.allowed()) {
                    allowed.put(row.channel(), row.capacity());
                }
                open.put(row.channel(), row.openCount());
            }
            return new Stored(new RoutingProfile(allowed, handled, leadCapacity), open, openLeads);
        });
    }

    /**
     * Writes the profile over the stored one: each allowed channel's row upserted (allowed, capacity; its open
     * count untouched), every other channel row of the member kept but no longer allowed, the LEAD row upserted
     * with the lead capacity, the client grants replaced.
     */
    Mono<Void> replace(UUID orgId, UUID userId, RoutingProfile profile) {
        var leadRow = db.sql("insert into agent_channels (org_id, user_id, channel, allowed, capacity) values (:org, :user, 'LEAD', true, :capacity) "
                        + "on conflict (org_id, user_id, channel) do update set allowed = true, capacity = excluded.capacity")
                .bind("org", orgId).bind("user", userId);
        leadRow = profile.leadCapacity() == null ? leadRow.bindNull("capacity", Integer.class) : leadRow.bind("capacity", profile.leadCapacity());
        Mono<Void> lead = leadRow.fetch().rowsUpdated().then();
        Mono<Void> upserts = Flux.fromIterable(profile.channels().entrySet())
                .concatMap(channel -> db.sql("insert into agent_channels (org_id, user_id, channel, allowed, capacity) values (:org, :user, :channel, true, :capacity) "
                                + "on conflict (org_id, user_id, channel) do update set allowed = true, capacity = excluded.capacity")
                        .bind("org", orgId).bind("user", userId).bind("channel", channel.getKey()).bind("capacity", channel.getValue())
                        .fetch().rowsUpdated())
                .then();
        Mono<Void> disallow = db.sql("update agent_channels set allowed = false where org_id = :org and user_id = :user and allowed "
                        + "and channel <> 'LEAD' and not (channel = any(:channels))")
                .bind("org", orgId).bind("user", userId).bind("channels", profile.channels().keySet().toArray(String[]::new))
                .fetch().rowsUpdated().then();
        Mono<Void> clearClients = db.sql("delete from profile_clients where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId).fetch().rowsUpdated().then();
        List<Map.Entry<UUID, String>> grants = new ArrayList<>();
        profile.clients().forEach((client, channels) -> channels.forEach(channel -> grants.add(Map.entry(client, channel))));
        Mono<Void> insertClients = Flux.fromIterable(grants)
                .concatMap(grant -> db.sql("insert into profile_clients (org_id, user_id, client_id, channel) values (:org, :user, :client, :channel)")
                        .bind("org", orgId).bind("user", userId).bind("client", grant.getKey()).bind("channel", grant.getValue())
                        .fetch().rowsUpdated())
                .then();
        return upserts.then(disallow).then(lead).then(clearClients).then(insertClients);
    }

    /** The org role of an active member of the organization; empty for anyone else. */
    Mono<String> activeRole(UUID orgId, UUID userId) {
        return db.sql("select role from org_members where org_id = :org and user_id = :user and status = 'ACTIVE'")
                .bind("org", orgId).bind("user", userId)
                .map(row -> row.get("role", String.class)).one();
    }

    /** The portals the member is in. */
    Mono<Set<UUID>> portalsOf(UUID orgId, UUID userId) {
        return db.sql("select portal_id from portal_members where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId)
                .map(row -> row.get("portal_id", UUID.class)).all().collect(Collectors.toSet());
    }
}
