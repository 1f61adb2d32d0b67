package io.switchboard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.identity.SessionEnded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class EndedSessionsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T09:15:00Z");
    private static final Duration KEEP = Duration.ofMinutes(10);

    private final MovableClock clock = new MovableClock(T0);
    private final EndedSessions sessions = new EndedSessions(KEEP, clock);

    @Test
    void anEndedSession_isRefusedUntilEndedAtPlusKeep_thenForgotten() {
        assertThat(sessions.end("h1", T0)).isTrue();
        assertThat(sessions.isEnded("h1")).isTrue();
        assertThat(sessions.isEnded("h2")).as("another session of the same person").isFalse();

        clock.set(T0.plus(KEEP).minusMillis(1));
        assertThat(sessions.isEnded("h1")).isTrue();
        clock.set(T0.plus(KEEP));
        assertThat(sessions.isEnded("h1")).isFalse();
        assertThat(sessions.size()).as("dropped when read expired").isZero();
    }

    @Test
    void evictExpired_dropsOnlyTheExpired() {
        sessions.end("early", T0);
        sessions.end("late", T0.plus(Duration.ofMinutes(5)));
        clock.set(T0.plus(Duration.ofMinutes(12)));

        assertThat(sessions.evictExpired()).isEqualTo(1);
        assertThat(sessions.size()).isEqualTo(1);
        assertThat(sessions.isEnded("late")).isTrue();
        assertThat(sessions.isEnded("early")).isFalse();
        clock.set(T0.plus(Duration.ofMinutes(15)));
        assertThat(sessions.evictExpired()).isEqualTo(1);
        assertThat(sessions.isEmpty()).isTrue();
    }

    @Test
    void aSessionWhoseTokensHaveExpiredAlready_isNotKept() {
        assertThat(sessions.end("old", T0.minus(KEEP))).isFalse();
        assertThat(sessions.isEnded("old")).isFalse();
        assertThat(sessions.isEmpty()).isTrue();
    }

    @Test
    void aLaterEndOfTheSameSession_extendsIt_anEarlierOneDoesNotShortenIt() {
        sessions.end("h1", T0);
        sessions.end("h1", T0.plus(Duration.ofMinutes(4)));
        sessions.end("h1", T0.minus(Duration.ofMinutes(4)));
        clock.set(T0.plus(Duration.ofMinutes(13)));
        assertThat(sessions.isEnded("h1")).isTrue();
        clock.set(T0.plus(Duration.ofMinutes(14)));
        assertThat(sessions.isEnded("h1")).isFalse();
    }

    @Test
    void nothingIsEndedWithoutAHash_andKeepMustBePositive() {
        assertThat(sessions.end(null, T0)).isFalse();
        assertThat(sessions.end("", T0)).isFalse();
        assertThat(sessions.end("h1", null)).isFalse();
        assertThat(sessions.isEnded(null)).isFalse();
        assertThatThrownBy(() -> new EndedSessions(Duration.ZERO, clock)).hasMessageContaining("ended-sessions.keep");
    }

    /** The hash the filter computes from a token's sid is the contract's: base64url, unpadded, SHA-256 of the UTF-8 bytes. */
    @Test
    void hashOfTheSid_isTheContractsSha256_base64url() {
        assertThat(SessionEnded.hashOf("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
        assertThat(SessionEnded.hashOf("f3c1a2b4-0d6e-4c8f-9a7b-1e2d3c4b5a69")).hasSize(43).doesNotContain("=", "+", "/")
                .isNotEqualTo(SessionEnded.hashOf("f3c1a2b4-0d6e-4c8f-9a7b-1e2d3c4b5a6a"));
        assertThat(SessionEnded.hashOf(null)).isNull();
    }

    @Test
    void aStartReadsFromTheFirstRecordWithinKeep_orFromTheEndWhereThereIsNone() {
        TopicPartition p0 = new TopicPartition("identity.sessions.v1", 0);
        TopicPartition p1 = new TopicPartition("identity.sessions.v1", 1);
        Map<TopicPartition, OffsetAndTimestamp> byTime = new java.util.HashMap<>();
        byTime.put(p0, new OffsetAndTimestamp(42, T0.toEpochMilli()));
        byTime.put(p1, null); // every record of p1 is older than now - keep
        assertThat(EndedSessionsUpdater.startOffsets(List.of(p0, p1), byTime, Map.of(p0, 50L, p1, 7L)))
                .isEqualTo(Map.of(p0, 42L, p1, 7L));
    }

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
