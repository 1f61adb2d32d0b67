package io.switchboard.routing.teams;

import io.r2dbc.spi.Readable;
import io.switchboard.routing.shared.Strategy;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The repository of teams and their members. Every query is scoped by the organization. */
@Component
class Teams {

    static final String NAME_UNIQUE = "teams_name_unique";
    private static final String LISTED = "select t.id, t.org_id, t.portal_id, t.name, t.strategy, t.created_at, t.deleted_at, "
            + "coalesce(array_agg(m.user_id order by m.user_id) filter (where m.user_id is not null), '{}') as member_ids "
            + "from teams t left join team_members m on m.team_id = t.id ";

    /** A team with its members. */
    record Listed(Team team, List<UUID> memberIds) {
    }

    private final DatabaseClient db;

    Teams(DatabaseClient db) {
        this.db = db;
    }

    /** A team of the organization that is not deleted, with its members. */
    Mono<Listed> find(UUID orgId, UUID teamId) {
        return db.sql(LISTED + "where t.org_id = :org and t.id = :id and t.deleted_at is null group by t.id")
                .bind("org", orgId).bind("id", teamId).map(Teams::read).one();
    }

    /** The organization's teams not deleted, in one portal when given. */
    Flux<Listed> list(UUID orgId, UUID portalId) {
        var sql = db.sql(LISTED + "where t.org_id = :org and t.deleted_at is null" + (portalId != null ? " and t.portal_id = :portal" : "")
                        + " group by t.id order by t.portal_id, lower(t.name), t.id")
                .bind("org", orgId);
        if (portalId != null) {
            sql = sql.bind("portal", portalId);
        }
        return sql.map(Teams::read).all();
    }

    Mono<Void> insert(Team team) {
        return db.sql("insert into teams (id, org_id, portal_id, name, strategy, created_at) values (:id, :org, :portal, :name, :strategy, :createdAt)")
                .bind("id", team.id()).bind("org", team.orgId()).bind("portal", team.portalId()).bind("name", team.name())
                .bind("strategy", team.strategy().name()).bind("createdAt", team.createdAt())
                .fetch().rowsUpdated().then();
    }

    Mono<Void> save(Team team) {
        var sql = db.sql("update teams set name = :name, strategy = :strategy, deleted_at = :deletedAt where org_id = :org and id = :id")
                .bind("org", team.orgId()).bind("id", team.id()).bind("name", team.name()).bind("strategy", team.strategy().name());
        sql = team.deletedAt() == null ? sql.bindNull("deletedAt", Instant.class) : sql.bind("deletedAt", team.deletedAt());
        return sql.fetch().rowsUpdated().then();
    }

    /** Adds the member; answers whether they were not in the team yet. */
    Mono<Boolean> addMember(Team team, UUID userId) {
        return db.sql("insert into team_members (team_id, org_id, user_id) values (:team, :org, :user) on conflict (team_id, user_id) do nothing")
                .bind("team", team.id()).bind("org", team.orgId()).bind("user", userId)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Takes the member out; answers whether they were in the team. */
    Mono<Boolean> removeMember(Team team, UUID userId) {
        return db.sql("delete from team_members where team_id = :team and org_id = :org and user_id = :user")
                .bind("team", team.id()).bind("org", team.orgId()).bind("user", userId)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    private static Listed read(Readable row) {
        Team team = new Team(row.get("id", UUID.class), row.get("org_id", UUID.class), row.get("portal_id", UUID.class), row.get("name", String.class),
                Strategy.valueOf(row.get("strategy", String.class)), row.get("created_at", Instant.class), row.get("deleted_at", Instant.class));
        UUID[] members = row.get("member_ids", UUID[].class);
        return new Listed(team, members == null ? List.of() : Arrays.asList(members));
    }
}
