package io.switchboard.notification.inapp;

import io.switchboard.membership.MembershipProjection;
import io.switchboard.notification.session.EndedSessions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
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

    /** Streams one person may have open on an instance; one more closes their oldest. */
    static final int MAX_PER_PERSON = 10;

    /** Why a stream closes: the person left the org (it may first send their removal notification), or anything else. */
    enum Reason { MEMBER_GONE, OTHER }

    /** One open stream; {@link #closed()} completes when it must end. */
    static final class Handle {
        private final UUID userId;
        private final UUID orgId;
        private final String sessionHash;
        private final long opened;
        private final Sinks.Empty<Void> closed = Sinks.empty();
        private volatile Reason reason;

        Handle(UUID userId, UUID orgId, String sessionHash, long opened) {
            this.userId = userId;
            this.orgId = orgId;
            this.sessionHash = sessionHash;
            this.opened = opened;
        }

        Mono<Void> closed() {
            return closed.asMono();
        }

        boolean isClosed() {
            return reason != null;
        }

        /** Why it closed (null while open). */
        Reason reason() {
            return reason;
        }

        private void close(Reason why) {
            if (reason == null) {
                reason = why;
            }
            closed.tryEmitEmpty();
        }
    }

    private final Set<Handle> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong opened = new AtomicLong();
    private final DatabaseClient db;
    private final MembershipProjection memberships;
    private final EndedSessions endedSessions;

    LiveStreams(DatabaseClient db, MembershipProjection memberships, EndedSessions endedSessions) {
        this.db = db;
        this.memberships = memberships;
        this.endedSessions = endedSessions;
    }

    /** Registers a stream; beyond {@link #MAX_PER_PERSON} of the person's on this instance, their oldest closes. */
    Handle register(UUID userId, UUID orgId, String sessionHash) {
        Handle handle = new Handle(userId, orgId, sessionHash, opened.incrementAndGet());
        open.add(handle);
        List<Handle> theirs = open.stream().filter(h -> h.userId.equals(userId)).sorted(Comparator.comparingLong(h -> h.opened)).toList();
        for (int i = 0; i < theirs.size() - MAX_PER_PERSON; i++) {
            open.remove(theirs.get(i));
            theirs.get(i).close(Reason.OTHER);
        }
        return handle;
    }

    /**
     * Closes every stream on this instance whose person is no longer an active member of its org (membership
     * projection) or whose session ended ({@code ended_sessions}), whether or not a close announcement was heard:
     * run on every LISTEN (re)connect, on the safety poll and right after a stream registers. Answers how many closed.
     */
    Mono<Integer> sweep() {
        if (open.isEmpty()) {
            return Mono.just(0);
        }
        int gone = sweep((orgId, userId) -> memberships.find(orgId, userId).filter(MembershipProjection.Membership::isActive).isPresent(), Set.of());
        List<String> hashes = open.stream().map(h -> h.sessionHash).filter(h -> h != null).distinct().toList();
        return endedSessions.endedAmong(hashes).map(ended -> gone + sweep((orgId, userId) -> true, ended));
    }

    /**
     * {@link #sweep()} for one stream just registered: a removal or sign-out processed between its membership
     * check and its registration closes it. Answers whether it closed.
     */
    Mono<Boolean> sweep(Handle handle) {
        if (memberships.find(handle.orgId, handle.userId).filter(MembershipProjection.Membership::isActive).isEmpty()) {
            return Mono.just(closeOne(handle, Reason.MEMBER_GONE));
        }
        return endedSessions.isEnded(handle.sessionHash).map(ended -> ended && closeOne(handle, Reason.OTHER));
    }

    private boolean closeOne(Handle handle, Reason why) {
        if (open.remove(handle)) {
            handle.close(why);
            return true;
        }
        return false;
    }

    /** The pure part of {@link #sweep()}. */
    int sweep(BiPredicate<UUID, UUID> activeMember, Set<String> endedSessionHashes) {
        int closed = 0;
        for (Handle handle : open) {
            Reason why = !activeMember.test(handle.orgId, handle.userId) ? Reason.MEMBER_GONE
                    : handle.sessionHash != null && endedSessionHashes.contains(handle.sessionHash) ? Reason.OTHER : null;
            if (why != null && open.remove(handle)) {
                handle.close(why);
                closed++;
            }
        }
        return closed;
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
            closeWhere(handle -> hash.equals(handle.sessionHash), Reason.OTHER);
        } else if (announcement.startsWith("org:")) {
            try {
                UUID orgId = UUID.fromString(announcement.substring("org:".length()));
                closeWhere(handle -> orgId.equals(handle.orgId), Reason.MEMBER_GONE);
            } catch (IllegalArgumentException malformed) {
                log.warn("ignoring malformed stream close announcement");
            }
        } else if (announcement.startsWith("member:")) {
            String[] parts = announcement.substring("member:".length()).split(":");
            if (parts.length == 2) {
                try {
                    UUID orgId = UUID.fromString(parts[0]);
                    UUID userId = UUID.fromString(parts[1]);
                    closeWhere(handle -> orgId.equals(handle.orgId) && userId.equals(handle.userId), Reason.MEMBER_GONE);
                } catch (IllegalArgumentException malformed) {
                    log.warn("ignoring malformed stream close announcement");
                }
            }
        }
    }

    private void closeWhere(java.util.function.Predicate<Handle> which, Reason why) {
        for (Handle handle : open) {
            if (which.test(handle)) {
                open.remove(handle);
                handle.close(why);
            }
        }
    }
}
