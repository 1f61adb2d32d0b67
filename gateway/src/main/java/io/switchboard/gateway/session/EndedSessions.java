package io.switchboard.gateway.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions people signed out of, by {@code SessionEnded.hashOf(sid)}, each with the moment from which it
 * need not be remembered: {@code endedAt + keep}, where {@code keep} is at least the longest access-token
 * lifetime (every token of the session issued before it ended has expired by then). Pure and thread-safe: the
 * consumer thread adds, request threads ask; expired entries are dropped on read and by {@link #evictExpired()}.
 */
public final class EndedSessions {

    private final Duration keep;
    private final Clock clock;
    private final Map<String, Instant> forgetAt = new ConcurrentHashMap<>();

    public EndedSessions(Duration keep, Clock clock) {
        if (keep == null || keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("switchboard.gateway.ended-sessions.keep must be positive");
        }
        this.keep = keep;
        this.clock = clock;
    }

    public Duration keep() {
        return keep;
    }

    /**
     * Remembers that the session ended at {@code endedAt}; answers whether it is remembered (false when it ended
     * so long ago that its tokens have expired, or for a null hash). A later end of the same session extends it.
     */
    public boolean end(String sessionHash, Instant endedAt) {
        if (sessionHash == null || sessionHash.isEmpty() || endedAt == null) {
            return false;
        }
        Instant until = endedAt.plus(keep);
        if (!until.isAfter(clock.instant())) {
            return false;
        }
        forgetAt.merge(sessionHash, until, (known, given) -> given.isAfter(known) ? given : known);
        return true;
    }

    /** Whether tokens of this session are to be refused now. */
    public boolean isEnded(String sessionHash) {
        if (sessionHash == null) {
            return false;
        }
        Instant until = forgetAt.get(sessionHash);
        if (until == null) {
            return false;
        }
        if (!until.isAfter(clock.instant())) {
            forgetAt.remove(sessionHash, until);
            return false;
        }
        return true;
    }

    /** Drops every session whose tokens have all expired; answers how many. */
    public int evictExpired() {
        Instant now = clock.instant();
        int evicted = 0;
        for (var entry : forgetAt.entrySet()) {
            if (!entry.getValue().isAfter(now) && forgetAt.remove(entry.getKey(), entry.getValue())) {
                evicted++;
            }
        }
        return evicted;
    }

    public boolean isEmpty() {
        return forgetAt.isEmpty();
    }

    public int size() {
        return forgetAt.size();
    }
}
