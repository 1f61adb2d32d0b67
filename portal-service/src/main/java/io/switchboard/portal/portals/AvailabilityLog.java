package io.switchboard.portal.portals;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.messaging.change.PendingEvent;
import io.switchboard.portal.change.EventJournal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The availability log: every {@code portal.availability.changed} this service publishes, kept in the
 * transaction of the change. Entries stay when the member leaves the portal.
 */
@Component
class AvailabilityLog implements EventJournal {

    private final DatabaseClient db;

    AvailabilityLog(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Void> record(UUID orgId, PendingEvent<?> event) {
        if (event.type() != EventCatalog.AVAILABILITY_CHANGED) {
            return Mono.empty();
        }
        AvailabilityChanged change = (AvailabilityChanged) event.data();
        var sql = db.sql("insert into availability_log (org_id, portal_id, user_id, available, note, changed_by, changed_at, reason) "
                        + "values (:org, :portal, :user, :available, :note, :by, :at, :reason)")
                .bind("org", change.orgId()).bind("portal", change.portalId()).bind("user", change.userId())
                .bind("available", change.available()).bind("at", change.changedAt()).bind("reason", change.reason());
        sql = change.note() == null ? sql.bindNull("note", String.class) : sql.bind("note", change.note());
        sql = change.changedBy() == null ? sql.bindNull("by", UUID.class) : sql.bind("by", change.changedBy());
        return sql.fetch().rowsUpdated().then();
    }

    /** Newest first: up to {@code limit} entries of the portal (of one member when {@code userId} is given) older than entry {@code before}. */
    Flux<LogEntry> page(UUID orgId, UUID portalId, UUID userId, Long before, int limit) {
        var sql = db.sql("select id, portal_id, user_id, available, note, changed_by, changed_at, reason from availability_log "
                        + "where org_id = :org and portal_id = :portal" + (userId == null ? "" : " and user_id = :user")
                        + (before == null ? "" : " and id < :before") + " order by id desc limit :limit")
                .bind("org", orgId).bind("portal", portalId).bind("limit", limit);
        if (userId != null) {
            sql = sql.bind("user", userId);
        }
        if (before != null) {
            sql = sql.bind("before", before);
        }
        return sql.map(row -> new LogEntry(row.get("id", Long.class), row.get("portal_id", UUID.class), row.get("user_id", UUID.class),
                        Boolean.TRUE.equals(row.get("available", Boolean.class)), row.get("note", String.class), row.get("changed_by", UUID.class),
                        Portals.instant(row.get("changed_at", OffsetDateTime.class)), row.get("reason", String.class)))
                .all();
    }
}
