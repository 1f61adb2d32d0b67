package io.switchboard.portal.dashboard;

import io.switchboard.events.routing.LeadStatusesUpdated;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The repository of what the dashboards know of an organization besides its work: members' capacities
 * (dashboard_capacities), its lead statuses (dashboard_lead_statuses) and its time zone (org_timezones).
 */
@Component
class OrgFacts {

    /** What an organization has until its first routing.lead-statuses.updated: routing-service's default list. */
    static final List<LeadStatusesUpdated.Status> DEFAULT_STATUSES = List.of(new LeadStatusesUpdated.Status("new", "New", "OPEN"),
            new LeadStatusesUpdated.Status("contacted", "Contacted", "OPEN"), new LeadStatusesUpdated.Status("qualified", "Qualified", "OPEN"),
            new LeadStatusesUpdated.Status("won", "Won", "WON"), new LeadStatusesUpdated.Status("lost", "Lost", "LOST"));

    private final DatabaseClient db;

    OrgFacts(DatabaseClient db) {
        this.db = db;
    }

    /** The member's capacities are these now (a channel left out has none). */
    Mono<Void> replaceCapacities(UUID orgId, UUID userId, Map<String, Integer> capacities) {
        Mono<Void> delete = db.sql("delete from dashboard_capacities where org_id = :org and user_id = :user")
                .bind("org", orgId).bind("user", userId).fetch().rowsUpdated().then();
        if (capacities == null || capacities.isEmpty()) {
            return delete;
        }
        String[] channels = capacities.keySet().toArray(String[]::new);
        Integer[] values = new Integer[channels.length];
        for (int i = 0; i < channels.length; i++) {
            values[i] = capacities.get(channels[i]);
        }
        return delete.then(db.sql("insert into dashboard_capacities (org_id, user_id, channel, capacity) "
                        + "select :org, :user, c, v from unnest(:channels, :values) as t(c, v) where v is not null")
                .bind("org", orgId).bind("user", userId).bind("channels", channels).bind("values", values)
                .fetch().rowsUpdated().then());
    }

    /** The organization's lead statuses are these now, in this order. */
    Mono<Void> replaceStatuses(UUID orgId, List<LeadStatusesUpdated.Status> statuses) {
        Mono<Void> delete = db.sql("delete from dashboard_lead_statuses where org_id = :org").bind("org", orgId).fetch().rowsUpdated().then();
        if (statuses == null || statuses.isEmpty()) {
            return delete;
        }
        Integer[] positions = new Integer[statuses.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        return delete.then(db.sql("insert into dashboard_lead_statuses (org_id, position, status_id, name, outcome) "
                        + "select :org, p, s, n, o from unnest(:positions, :ids, :names, :outcomes) as t(p, s, n, o)")
                .bind("org", orgId).bind("positions", positions)
                .bind("ids", statuses.stream().map(LeadStatusesUpdated.Status::id).toArray(String[]::new))
                .bind("names", statuses.stream().map(LeadStatusesUpdated.Status::name).toArray(String[]::new))
                .bind("outcomes", statuses.stream().map(s -> s.outcome() == null ? "OPEN" : s.outcome()).toArray(String[]::new))
                .fetch().rowsUpdated().then());
    }

    /** The organization's lead statuses in order (the default list while it has none). */
    Flux<LeadStatusesUpdated.Status> statuses(UUID orgId) {
        return db.sql("select status_id, name, outcome from dashboard_lead_statuses where org_id = :org order by position")
                .bind("org", orgId)
                .map(row -> new LeadStatusesUpdated.Status(row.get("status_id", String.class), row.get("name", String.class), row.get("outcome", String.class)))
                .all()
                .switchIfEmpty(Flux.fromIterable(DEFAULT_STATUSES));
    }

    Mono<Void> saveTimezone(UUID orgId, String timezone) {
        return db.sql("insert into org_timezones (org_id, timezone) values (:org, :tz) on conflict (org_id) do update set timezone = excluded.timezone")
                .bind("org", orgId).bind("tz", timezone).fetch().rowsUpdated().then();
    }

    /** The organization's time zone setting; empty while none arrived (UTC). */
    Mono<String> timezone(UUID orgId) {
        return db.sql("select timezone from org_timezones where org_id = :org").bind("org", orgId)
                .map(row -> row.get("timezone", String.class)).one();
    }
}
