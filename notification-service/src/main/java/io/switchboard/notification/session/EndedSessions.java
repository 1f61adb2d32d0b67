package io.switchboard.notification.session;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code ended_sessions} table: Keycloak sessions (hashed {@code sid}) that ended, kept for {@link #RETENTION}
 * (the sessions topic's retention; a token outlives its session by far less). Writers that must not race a
 * sign-out (the session listener, a push subscription) take {@link #lock} first, in their transaction.
 */
@Component
public class EndedSessions {

    /** The seed of the advisory lock key on a session hash (distinct from the other advisory locks' seeds). */
    static final long LOCK_SEED = 2011;
    public static final Duration RETENTION = Duration.ofDays(1);
    public static final java.net.URI SESSION_ENDED = ProblemTypes.of("session-ended");

    private final DatabaseClient db;

    EndedSessions(DatabaseClient db) {
        this.db = db;
    }

    /** Takes the transaction-scoped advisory lock of the session (call inside a transaction). */
    public Mono<Void> lock(String sessionHash) {
        return db.sql("select 1 as locked from (select pg_advisory_xact_lock(hashtextextended(:hash, " + LOCK_SEED + "))) as l")
                .bind("hash", sessionHash).map(row -> 1).all().then();
    }

    /** Remembers that the session ended, and forgets those ended longer than {@link #RETENTION} ago. */
    public Mono<Void> remember(String sessionHash, UUID userId, Instant endedAt) {
        return db.sql("insert into ended_sessions (session_hash, user_id, ended_at) values (:hash, :user, :at) on conflict (session_hash) do nothing")
                .bind("hash", sessionHash).bind("user", userId).bind("at", endedAt.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .then(prune(Instant.now()))
                .then();
    }

    /** Deletes what ended more than {@link #RETENTION} before {@code now}; answers how many. */
    public Mono<Long> prune(Instant now) {
        return db.sql("delete from ended_sessions where ended_at < :before")
                .bind("before", now.minus(RETENTION).atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated();
    }

    public Mono<Boolean> isEnded(String sessionHash) {
        if (sessionHash == null) {
            return Mono.just(false);
        }
        return db.sql("select exists (select 1 from ended_sessions where session_hash = :hash) as ended")
                .bind("hash", sessionHash).map(row -> Boolean.TRUE.equals(row.get("ended", Boolean.class))).one();
    }

    /** Which of the hashes belong to ended sessions. */
    public Mono<Set<String>> endedAmong(Collection<String> sessionHashes) {
        List<String> hashes = sessionHashes.stream().filter(h -> h != null).distinct().toList();
        if (hashes.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql("select session_hash from ended_sessions where session_hash = any(:hashes)")
                .bind("hashes", hashes.toArray(String[]::new))
                .map(row -> row.get("session_hash", String.class)).all()
                .collect(HashSet::new, Set::add);
    }

    /** 401: the token's session was signed out (the client signs in again). */
    public static ProblemException sessionEnded() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, SESSION_ENDED,
                "This session was signed out; sign in again.", java.util.Map.of(), java.util.Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }
}
