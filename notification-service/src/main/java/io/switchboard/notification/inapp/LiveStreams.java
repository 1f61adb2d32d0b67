package io.switchboard.notification.inapp;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The live streams open on this instance, each with the person, the org it shows and the Keycloak session
 * (hashed {@code sid}) whose token opened it. Closing is announced to every instance through PostgreSQL
 * ({@code pg_notify('live_stream_close', ...)}, heard by {@link Signals}), since a sign-out or a removal is
 * consumed by one instance while the person's streams may be open on any.
 */
@Component
public class LiveStreams {

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    /** One open stream; {@link #closed()} completes when it must end. */
    static final class Handle {
        private final UUID userId;
        private final UUID orgId;
        private final String sessionHash;
        private final Sinks.Empty<Void> closed = Sinks.empty();

        Handle(UUID userId, UUID orgId, String sessionHash) {
            this.userId = userId;
            this.orgId = orgId;
            this.sessionHash = sessionHash;
        }

        Mono<Void> closed() {
            return closed.asMono();
        }

        private void close() {
            closed.tryEmitEmpty();
        }
    }

    private final Set<Handle> open = ConcurrentHashMap.newKeySet();
    private final DatabaseClient db;

    LiveStreams(DatabaseClient db) {
        this.db = db;
    }

    Handle register(UUID userId, UUID orgId, String sessionHash) {
        Handle handle = new Handle(userId, orgId, sessionHash);
        open.add(handle);
        return handle;
    }

    void unregister(Handle handle) {
        open.remove(handle);
    }

    int openCount() {
        return open.size();
    }

    /**
     * Closes every stream opened with that session's tokens, on every instance (the person signed out on that
     * device). Called by push's session listener once the session's subscriptions are gone. Does not block.
     */
    public void closeSession(String sessionHash) {
        if (sessionHash == null) {
            return;
        }
        String payload = "session:" + sessionHash;
        closeLocally(payload);
        db.sql("select 1 as sent from (select pg_notify(:channel, :payload)) as n")
                .bind("channel", Signals.CLOSE).bind("payload", payload)
                .map(row -> 1).all().then()
                .subscribe(null, failed -> log.warn("could not announce the end of a session's streams to other instances: {}", failed.toString()));
    }

    /**
     * Announces, in the caller's transaction (it reaches the other instances when it commits), that the person's
     * streams of that org close; call {@link #closeMemberLocally} after the commit for this instance's.
     */
    Mono<Void> announceMemberGone(UUID orgId, UUID userId) {
        return db.sql("select 1 as sent from (select pg_notify(:channel, :payload)) as n")
                .bind("channel", Signals.CLOSE).bind("payload", "member:" + orgId + ":" + userId)
                .map(row -> 1).all().then();
    }

    /** As {@link #announceMemberGone} for everyone of a deleted org. */
    Mono<Void> announceOrgGone(UUID orgId) {
        return db.sql("select 1 as sent from (select pg_notify(:channel, :payload)) as n")
                .bind("channel", Signals.CLOSE).bind("payload", "org:" + orgId)
                .map(row -> 1).all().then();
    }

    void closeOrgLocally(UUID orgId) {
        closeLocally("org:" + orgId);
    }

    void closeMemberLocally(UUID orgId, UUID userId) {
        closeLocally("member:" + orgId + ":" + userId);
    }

    /** Closes the streams on this instance that a close announcement names. */
    void closeLocally(String announcement) {
        if (announcement == null) {
            return;
        }
        if (announcement.startsWith("session:")) {
            String hash = announcement.substring("session:".length());
            closeWhere(handle -> hash.equals(handle.sessionHash));
        } else if (announcement.startsWith("org:")) {
            try {
                UUID orgId = UUID.fromString(announcement.substring("org:".length()));
                closeWhere(handle -> orgId.equals(handle.orgId));
            } catch (IllegalArgumentException malformed) {
                log.warn("ignoring malformed stream close announcement");
            }
        } else if (announcement.startsWith("member:")) {
            String[] parts = announcement.substring("member:".length()).split(":");
            if (parts.length == 2) {
                try {
                    UUID orgId = UUID.fromString(parts[0]);
                    UUID userId = UUID.fromString(parts[1]);
                    closeWhere(handle -> orgId.equals(handle.orgId) && userId.equals(handle.userId));
                } catch (IllegalArgumentException malformed) {
                    log.warn("ignoring malformed stream close announcement");
                }
            }
        }
    }

    private void closeWhere(java.util.function.Predicate<Handle> which) {
        for (Handle handle : open) {
            if (which.test(handle)) {
                open.remove(handle);
                handle.close();
            }
        }
    }
}
