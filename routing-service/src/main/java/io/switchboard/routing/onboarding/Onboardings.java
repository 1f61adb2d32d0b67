package io.switchboard.routing.onboarding;

import io.switchboard.routing.profiles.RoutingProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The repository of onboarding: a new member's profile rows (agent_channels, profile_clients), the teams they are
 * given (team_members, or pending_team_members until they are in the team's portal). Every query is scoped by
 * the organization.
 */
@Component
class Onboardings {

    /** A live team of the organization and its portal. */
    record TeamRef(UUID teamId, UUID portalId) {
    }

    private final DatabaseClient db;

    Onboardings(DatabaseClient db) {
        this.db = db;
    }

    /** The member's profile as stored: allowed channels with capacities, and client grants. */
    Mono<RoutingProfile> profile(UUID orgId, UUID userId) {
        Mono<Map<String, Integer>> channels = db.sql("select channel, capacity from agent_channels where org_id = :org and user_id = :user and allowed and channel <> 'LEAD'")
                .bind("org", orgId).bind("user", userId)
                .map(row -> Map.entry(row.get("channel", String.class), row.get("capacity", Integer.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
        Mono<Map<UUID, List<String>>> clients = db.sql("select client_id, channel from profile_clients where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId)
                .map(row -> Map.entry(row.get("client_id", UUID.class), row.get("channel", String.class)))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return channels.zipWith(clients, RoutingProfile::new);
    }

    /**
     * Writes the profile over the stored one: each allowed channel's row upserted (its open count untouched),
     * every other channel row of the member kept but no longer allowed, the client grants replaced.
     */
    Mono<Void> replaceProfile(UUID orgId, UUID userId, RoutingProfile profile) {
        Mono<Void> upserts = Flux.fromIterable(profile.channels().entrySet())
                .concatMap(channel -> db.sql("insert into agent_channels (org_id, user_id, channel, allowed, capacity) values (:org, :user, :channel, true, :capacity) "
                                + "on conflict (org_id, user_id, channel) do update set allowed = true, capacity = excluded.capacity")
                        .bind("org", orgId).bind("user", userId).bind("channel", channel.getKey()).bind("capacity", channel.getValue())
                        .fetch().rowsUpdated())
                .then();
        Mono<Void> disallow = db.sql("update agent_channels set allowed = false where org_id = :org and user_id = :user and allowed "
                        + "and channel <> 'LEAD' and not (channel = any(:channels))")
                .bind("org", orgId).bind("user", userId).bind("channels", profile.channels().keySet().toArray(String[]::new))
                .fetch().rowsUpdated()
                // the LEAD row (lead capacity, open leads) that makes the member eligible for leads; its capacity stays as set
                .then(db.sql("insert into agent_channels (org_id, user_id, channel, allowed, capacity) values (:org, :user, 'LEAD', true, null) "
                        + "on conflict (org_id, user_id, channel) do update set allowed = true")
                        .bind("org", orgId).bind("user", userId).fetch().rowsUpdated())
                .then();
        Mono<Void> clearClients = db.sql("delete from profile_clients where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId).fetch().rowsUpdated().then();
        List<Map.Entry<UUID, String>> grants = new ArrayList<>();
        profile.clients().forEach((client, channels) -> channels.forEach(channel -> grants.add(Map.entry(client, channel))));
        Mono<Void> insertClients = Flux.fromIterable(grants)
                .concatMap(grant -> db.sql("insert into profile_clients (org_id, user_id, client_id, channel) values (:org, :user, :client, :channel)")
                        .bind("org", orgId).bind("user", userId).bind("client", grant.getKey()).bind("channel", grant.getValue())
                        .fetch().rowsUpdated())
                .then();
        return upserts.then(disallow).then(clearClients).then(insertClients);
    }

    /** Those of {@code teamIds} that are teams of the organization, not deleted. */
    Flux<TeamRef> liveTeams(UUID orgId, Collection<UUID> teamIds) {
        if (teamIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select id, portal_id from teams where org_id = :org and id = any(:ids) and deleted_at is null")
                .bind("org", orgId).bind("ids", teamIds.toArray(UUID[]::new))
                .map(row -> new TeamRef(row.get("id", UUID.class), row.get("portal_id", UUID.class))).all();
    }

    /** Whether the member is in the portal (of the organization). */
    Mono<Boolean> inPortal(UUID orgId, UUID portalId, UUID userId) {
        return db.sql("select 1 from portal_members where org_id = :org and portal_id = :portal and user_id = :user")
                .bind("org", orgId).bind("portal", portalId).bind("user", userId)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    /** Adds the member to the team; answers whether they were not in it yet. */
    Mono<Boolean> addTeamMember(UUID orgId, UUID teamId, UUID userId) {
        return db.sql("insert into team_members (team_id, org_id, user_id) values (:team, :org, :user) on conflict (team_id, user_id) do nothing")
                .bind("team", teamId).bind("org", orgId).bind("user", userId)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Keeps the team membership until the member is in the team's portal. */
    Mono<Void> addPending(UUID orgId, UUID teamId, UUID userId) {
        return db.sql("insert into pending_team_members (org_id, team_id, user_id) values (:org, :team, :user) on conflict (team_id, user_id) do nothing")
                .bind("org", orgId).bind("team", teamId).bind("user", userId)
                .fetch().rowsUpdated().then();
    }

    /**
     * The member is now in {@code portalId}: their pending memberships of that portal's teams are taken out, and
     * those of teams still live are made team memberships. Answers the teams they were added to.
     */
    Flux<UUID> movePending(UUID orgId, UUID portalId, UUID userId) {
        return db.sql("with moved as (delete from pending_team_members p using teams t "
                        + "where t.id = p.team_id and t.org_id = :org and t.portal_id = :portal and p.org_id = :org and p.user_id = :user "
                        + "returning p.team_id, t.deleted_at) "
                        + "insert into team_members (team_id, org_id, user_id) select team_id, :org, :user from moved where deleted_at is null "
                        + "on conflict (team_id, user_id) do nothing returning team_id")
                .bind("org", orgId).bind("portal", portalId).bind("user", userId)
                .map(row -> row.get("team_id", UUID.class)).all();
    }

    /** Drops every pending team membership of the member in the organization. */
    Mono<Long> dropPending(UUID orgId, UUID userId) {
        return db.sql("delete from pending_team_members where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId)
                .fetch().rowsUpdated();
    }

    /** The member's pending team memberships (for tests and diagnostics). */
    Flux<UUID> pendingTeams(UUID orgId, UUID userId) {
        return db.sql("select team_id from pending_team_members where org_id = :org and user_id = :user order by team_id")
                .bind("org", orgId).bind("user", userId)
                .map(row -> row.get("team_id", UUID.class)).all();
    }
}
