package io.switchboard.portal.dashboard;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The repository of the projection's work items (table dashboard_work), scoped by organization. */
@Component
class WorkItems {

    private static final String COLUMNS = "org_id, work_id, kind, portal_id, team_id, channel, state, assignee_id, status_id, outcome, "
            + "opened_at, queued_at, assigned_at, closed_at, handled_by, src_partition, src_offset";

    private final DatabaseClient db;

    WorkItems(DatabaseClient db) {
        this.db = db;
    }

    /** The item, or an unseen one of {@code kind}. */
    Mono<WorkItem> find(UUID orgId, UUID workId, WorkItem.Kind kind) {
        return db.sql("select " + COLUMNS + " from dashboard_work where org_id = :org and work_id = :work")
                .bind("org", orgId).bind("work", workId).map(WorkItems::read).one()
                .defaultIfEmpty(WorkItem.unseen(orgId, workId, kind));
    }

    /** Inserts or replaces the row. */
    Mono<Void> save(WorkItem item) {
        var sql = db.sql("insert into dashboard_work (" + COLUMNS + ") values (:org, :work, :kind, :portal, :team, :channel, :state, :assignee, "
                        + ":status, :outcome, :opened, :queued, :assigned, :closed, :handledBy, :partition, :offset) "
                        + "on conflict (org_id, work_id) do update set kind = excluded.kind, portal_id = excluded.portal_id, team_id = excluded.team_id, "
                        + "channel = excluded.channel, state = excluded.state, assignee_id = excluded.assignee_id, status_id = excluded.status_id, "
                        + "outcome = excluded.outcome, opened_at = excluded.opened_at, queued_at = excluded.queued_at, assigned_at = excluded.assigned_at, "
                        + "closed_at = excluded.closed_at, handled_by = excluded.handled_by, src_partition = excluded.src_partition, src_offset = excluded.src_offset")
                .bind("org", item.orgId()).bind("work", item.workId()).bind("kind", item.kind().name()).bind("portal", item.portalId())
                .bind("state", item.state().name())
                .bind("partition", item.position().partition()).bind("offset", item.position().offset());
        sql = bindNullable(sql, "team", item.teamId(), UUID.class);
        sql = bindNullable(sql, "channel", item.channel(), String.class);
        sql = bindNullable(sql, "assignee", item.assigneeId(), UUID.class);
        sql = bindNullable(sql, "status", item.statusId(), String.class);
        sql = bindNullable(sql, "outcome", item.outcome() == null ? null : item.outcome().name(), String.class);
        sql = bindNullable(sql, "opened", item.openedAt(), Instant.class);
        sql = bindNullable(sql, "queued", item.queuedAt(), Instant.class);
        sql = bindNullable(sql, "assigned", item.assignedAt(), Instant.class);
        sql = bindNullable(sql, "closed", item.closedAt(), Instant.class);
        sql = bindNullable(sql, "handledBy", item.handledBy(), UUID.class);
        return sql.fetch().rowsUpdated().then();
    }

    /** A removed lead status's leads now have {@code toStatus} (routing.lead-statuses.updated moves them without an event each). */
    Mono<Void> moveStatus(UUID orgId, String fromStatus, String toStatus, WorkItem.Outcome outcome) {
        return db.sql("update dashboard_work set status_id = :to, outcome = :outcome where org_id = :org and kind = 'LEAD' and status_id = :from")
                .bind("org", orgId).bind("from", fromStatus).bind("to", toStatus).bind("outcome", outcome.name())
                .fetch().rowsUpdated().then();
    }

    static <T> DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec sql, String name, T value, Class<T> type) {
        return value == null ? sql.bindNull(name, type) : sql.bind(name, value);
    }

    private static WorkItem read(Readable row) {
        String outcome = row.get("outcome", String.class);
        return new WorkItem(row.get("org_id", UUID.class), row.get("work_id", UUID.class), WorkItem.Kind.valueOf(row.get("kind", String.class)),
                row.get("portal_id", UUID.class), row.get("team_id", UUID.class), row.get("channel", String.class),
                WorkItem.State.valueOf(row.get("state", String.class)), row.get("assignee_id", UUID.class), row.get("status_id", String.class),
                outcome == null ? null : WorkItem.Outcome.valueOf(outcome), instant(row, "opened_at"), instant(row, "queued_at"),
                instant(row, "assigned_at"), instant(row, "closed_at"), row.get("handled_by", UUID.class),
                new WorkItem.Position(row.get("src_partition", Integer.class), row.get("src_offset", Long.class)));
    }

    static Instant instant(Readable row, String column) {
        OffsetDateTime time = row.get(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
