package io.switchboard.notification.inapp;

import io.r2dbc.spi.Readable;
import io.switchboard.messaging.Traces;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code notifications} and {@code notification_preferences} tables. Every query names the person (and the
 * org where one is asked about): nobody reads or marks another person's notifications.
 */
@Component
class NotificationStore {

    /** Channel woken on every insert (the SSE streams and push's fan-out LISTEN on it); the payload is the user id. */
    static final String CREATED = "notification_created";
    /** Channel woken when notifications are marked read (the streams send the new unread count); payload: user id. */
    static final String READ = "notification_read";

    /** The org-wide default's portal_id (the primary key needs a value). */
    static final UUID ORG_WIDE = new UUID(0, 0);

    private static final String COLUMNS = "id, seq, org_id, portal_id, kind, title, body, url, tag, urgency, created_at, read_at";

    private final DatabaseClient db;
    private final Traces traces;

    NotificationStore(DatabaseClient db, Traces traces) {
        this.db = db;
        this.traces = traces;
    }

    /**
     * Stores the draft for the event unless the person's preferences want neither in-app nor push, or the
     * person already has it for this event; wakes the streams and push of every instance (on commit). Answers
     * whether it was stored. Runs in the caller's transaction (the inbox row's): the per-person advisory lock
     * makes a person's notifications commit in {@code seq} order, which the live streams' cursor relies on.
     */
    Mono<Boolean> add(Draft draft, UUID eventId, Instant now) {
        return db.sql("select 1 as locked from (select pg_advisory_xact_lock(:key)) as l").bind("key", lockKey(draft.userId()))
                .map(row -> 1).all()
                .then(preference(draft.userId(), draft.orgId(), draft.portalId()))
                .flatMap(effective -> Mono.deferContextual(context -> {
                    Preference preference = effective.preference();
                    if (!preference.wantsAnything()) {
                        return Mono.just(false);
                    }
                    GenericExecuteSpec insert = db.sql("""
                                    with stored as (
                                        insert into notifications (id, user_id, org_id, portal_id, kind, title, body, url, tag, urgency,
                                                                   source_event_id, in_app, push_pending, created_at, traceparent)
                                        values (:id, :user, :org, :portal, :kind, :title, :body, :url, :tag, :urgency,
                                                :event, :inApp, :push, :now, :traceparent)
                                        on conflict (source_event_id, user_id, kind) do nothing
                                        returning user_id)
                                    select pg_notify('%s', user_id::text) from stored""".formatted(CREATED))
                            .bind("id", UUID.randomUUID())
                            .bind("user", draft.userId())
                            .bind("org", draft.orgId())
                            .bind("kind", draft.kind().name())
                            .bind("title", draft.title())
                            .bind("body", draft.body())
                            .bind("url", draft.url())
                            .bind("tag", draft.tag())
                            .bind("urgency", draft.urgency())
                            .bind("event", eventId)
                            .bind("inApp", preference.inApp())
                            .bind("push", preference.push())
                            .bind("now", now.atOffset(ZoneOffset.UTC));
                    insert = draft.portalId() == null ? insert.bindNull("portal", UUID.class) : insert.bind("portal", draft.portalId());
                    String traceparent = traces.traceparent(context); // the consumed event's trace, for the push sends
                    insert = traceparent == null ? insert.bindNull("traceparent", String.class) : insert.bind("traceparent", traceparent);
                    return insert.map(row -> true).all().hasElements();
                }));
    }

    static long lockKey(UUID userId) {
        // one namespace per purpose: this hash mixes the user id with a constant so it does not meet other locks of the same id
        return userId.getMostSignificantBits() ^ userId.getLeastSignificantBits() ^ 0x6e6f74696679L;
    }

    /** What applies to the person's notifications of that portal (null: the org-wide setting). */
    Mono<Preference.Effective> preference(UUID userId, UUID orgId, UUID portalId) {
        UUID portal = portalId == null ? ORG_WIDE : portalId;
        return db.sql("""
                        select portal_id, push, in_app from notification_preferences
                        where user_id = :user and org_id = :org and portal_id in (:portal, :orgWide)""")
                .bind("user", userId).bind("org", orgId).bind("portal", portal).bind("orgWide", ORG_WIDE)
                .map(row -> new Object[] {row.get("portal_id", UUID.class), new Preference(row.get("push", Boolean.class), row.get("in_app", Boolean.class))})
                .all().collectList()
                .map(rows -> {
                    Preference own = null;
                    Preference orgDefault = null;
                    for (Object[] row : rows) {
                        if (ORG_WIDE.equals(row[0])) {
                            orgDefault = (Preference) row[1];
                        } else {
                            own = (Preference) row[1];
                        }
                    }
                    return Preference.resolve(portalId == null ? null : own, orgDefault);
                });
    }

    /** Sets the person's preference for the portal (null: the org-wide default). */
    Mono<Void> setPreference(UUID userId, UUID orgId, UUID portalId, Preference preference, Instant now) {
        return db.sql("""
                        insert into notification_preferences (user_id, org_id, portal_id, push, in_app, updated_at)
                        values (:user, :org, :portal, :push, :inApp, :now)
                        on conflict (user_id, org_id, portal_id) do update
                        set push = excluded.push, in_app = excluded.in_app, updated_at = excluded.updated_at""")
                .bind("user", userId).bind("org", orgId).bind("portal", portalId == null ? ORG_WIDE : portalId)
                .bind("push", preference.push()).bind("inApp", preference.inApp()).bind("now", now.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }

    /** A page of the person's in-app notifications of the org (and portal), newest first, below {@code beforeSeq}. */
    Flux<Notification> list(UUID userId, UUID orgId, UUID portalId, boolean unreadOnly, Long beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from notifications where user_id = :user and org_id = :org and in_app");
        if (portalId != null) {
            sql.append(" and portal_id = :portal");
        }
        if (unreadOnly) {
            sql.append(" and read_at is null");
        }
        if (beforeSeq != null) {
            sql.append(" and seq < :before");
        }
        sql.append(" order by seq desc limit :limit");
        GenericExecuteSpec select = db.sql(sql.toString()).bind("user", userId).bind("org", orgId).bind("limit", limit);
        if (portalId != null) {
            select = select.bind("portal", portalId);
        }
        if (beforeSeq != null) {
            select = select.bind("before", beforeSeq);
        }
        return select.map(NotificationStore::notification).all();
    }

    /** The person's in-app notifications of the org (and portal) after {@code afterSeq}, oldest first, at most {@code limit}. */
    Flux<Notification> after(UUID userId, UUID orgId, UUID portalId, long afterSeq, int limit) {
        String sql = "select " + COLUMNS + " from notifications where user_id = :user and org_id = :org and in_app and seq > :after"
                + (portalId != null ? " and portal_id = :portal" : "") + " order by seq limit :limit";
        GenericExecuteSpec select = db.sql(sql).bind("user", userId).bind("org", orgId).bind("after", afterSeq).bind("limit", limit);
        if (portalId != null) {
            select = select.bind("portal", portalId);
        }
        return select.map(NotificationStore::notification).all();
    }

    /**
     * The highest seq committed so far for the person (0 for none): where a stream without Last-Event-ID starts.
     * Any of the person's notifications not committed yet has a higher one (their inserts are serialized by the
     * advisory lock, which is taken before the seq is drawn).
     */
    Mono<Long> lastSeq(UUID userId, UUID orgId) {
        // the person's in-app notifications of the org: what a stream shows, and what notifications_bell indexes
        return db.sql("select coalesce(max(seq), 0) as last from notifications where user_id = :user and org_id = :org and in_app")
                .bind("user", userId).bind("org", orgId).map(row -> row.get("last", Long.class)).one();
    }

    /** The highest seq of all (0 for none). */
    Mono<Long> maxSeq() {
        return db.sql("select coalesce(max(seq), 0) as last from notifications").map(row -> row.get("last", Long.class)).one();
    }

    record Changed(UUID userId, long seq) {
    }

    /** The people with notifications after {@code afterSeq}, each with their highest seq. */
    Flux<Changed> changedSince(long afterSeq) {
        return db.sql("select user_id, max(seq) as top from notifications where seq > :after group by user_id")
                .bind("after", afterSeq).map(row -> new Changed(row.get("user_id", UUID.class), row.get("top", Long.class))).all();
    }

    Mono<Long> unreadCount(UUID userId, UUID orgId, UUID portalId) {
        String sql = "select count(*) as unread from notifications where user_id = :user and org_id = :org and in_app and read_at is null"
                + (portalId != null ? " and portal_id = :portal" : "");
        GenericExecuteSpec select = db.sql(sql).bind("user", userId).bind("org", orgId);
        if (portalId != null) {
            select = select.bind("portal", portalId);
        }
        return select.map(row -> row.get("unread", Long.class)).one();
    }

    /** The org of the person's in-app notification; empty for anyone else's or an unknown id. */
    Mono<UUID> orgOf(UUID userId, UUID id) {
        return db.sql("select org_id from notifications where id = :id and user_id = :user and in_app")
                .bind("id", id).bind("user", userId).map(row -> row.get("org_id", UUID.class)).one();
    }

    /** Marks the person's notification read (once: a second call keeps the first time); empty for anyone else's. */
    Mono<Notification> markRead(UUID userId, UUID id, Instant now) {
        return db.sql("""
                        with marked as (
                            update notifications set read_at = coalesce(read_at, :now)
                            where id = :id and user_id = :user and in_app
                            returning %s)
                        select marked.*, pg_notify('%s', :userText) from marked""".formatted(COLUMNS, READ))
                .bind("id", id).bind("user", userId).bind("userText", userId.toString()).bind("now", now.atOffset(ZoneOffset.UTC))
                .map(NotificationStore::notification).one();
    }

    /** Marks all the person's unread notifications of the org (and portal) read; answers how many. */
    Mono<Long> markAllRead(UUID userId, UUID orgId, UUID portalId, Instant now) {
        String sql = """
                with marked as (
                    update notifications set read_at = :now
                    where user_id = :user and org_id = :org and in_app and read_at is null%s
                    returning 1)
                select count(*) as marked, pg_notify('%s', :userText) from marked""".formatted(portalId != null ? " and portal_id = :portal" : "", READ);
        GenericExecuteSpec update = db.sql(sql).bind("user", userId).bind("org", orgId).bind("userText", userId.toString())
                .bind("now", now.atOffset(ZoneOffset.UTC));
        if (portalId != null) {
            update = update.bind("portal", portalId);
        }
        return update.map(row -> row.get("marked", Long.class)).one();
    }

    private static Notification notification(Readable row) {
        OffsetDateTime readAt = row.get("read_at", OffsetDateTime.class);
        return new Notification(row.get("id", UUID.class), row.get("seq", Long.class), row.get("org_id", UUID.class),
                row.get("portal_id", UUID.class), row.get("kind", String.class), row.get("title", String.class),
                row.get("body", String.class), row.get("url", String.class), row.get("tag", String.class),
                row.get("urgency", String.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                readAt == null ? null : readAt.toInstant(), readAt != null);
    }
}
