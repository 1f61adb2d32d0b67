package io.switchboard.notification.inapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.switchboard.events.identity.SessionEnded;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.notification.session.EndedSessions;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** When a live stream ends, with the store and signals stubbed (the integration test runs them for real). */
class NotificationServiceStreamTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();
    private static final Caller CALLER = new Caller(USER, "a@acme.test", "Ana", "sid-1");

    private final NotificationStore store = mock(NotificationStore.class);
    private final MembershipProjection memberships = new MembershipProjection();
    private final Signals signals = mock(Signals.class);
    private final EndedSessions endedSessions = mock(EndedSessions.class);
    private final LiveStreams streams = new LiveStreams(null, memberships, endedSessions);
    private final NotificationService service = new NotificationService(store, mock(Directory.class), memberships, signals, streams,
            new InAppProperties(Duration.ofMinutes(1), Duration.ofMinutes(1), 20, 100));

    @BeforeEach
    void stubs() {
        memberships.apply(io.switchboard.events.Topics.membershipStateKey(ORG, USER), tools.jackson.databind.json.JsonMapper.builder().build().readTree("""
                {"type":"org.membership.state","source":"org-service","subject":"%s",
                 "data":{"orgId":"%s","userId":"%s","role":"AGENT","status":"ACTIVE"}}""".formatted(ORG, ORG, USER)), true);
        when(store.lastSeq(eq(USER), any())).thenReturn(Mono.just(7L));
        when(endedSessions.endedAmong(any())).thenReturn(Mono.just(java.util.Set.of()));
        when(endedSessions.isEnded(any())).thenReturn(Mono.just(false));
        when(store.after(eq(USER), eq(ORG), isNull(), anyLong(), anyInt())).thenReturn(Flux.empty());
        when(store.unreadCount(eq(USER), eq(ORG), isNull())).thenReturn(Mono.just(0L));
        when(signals.wakeUpsOf(any())).thenReturn(Flux.never());
    }

    private Flux<ServerSentEvent<Object>> open(Instant expiresAt) {
        return service.stream(CALLER, ORG, null, null, expiresAt).block();
    }

    @Test
    void endsWhenTheTokenThatOpenedItExpires() {
        StepVerifier.create(open(Instant.now().plusSeconds(2)))
                .assertNext(first -> assertThat(first.event()).isEqualTo("unread-count"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(streams.openCount()).isZero();
    }

    @Test
    void anAlreadyExpiredToken_endsItAtOnce() {
        StepVerifier.create(open(Instant.now().minusSeconds(1))).thenConsumeWhile(any -> true).expectComplete().verify(Duration.ofSeconds(10));
    }

    @Test
    void endsWhenItsSessionEnds_notWhenAnotherDoes() {
        StepVerifier.create(open(null))
                .assertNext(first -> assertThat(first.event()).isEqualTo("unread-count"))
                .then(() -> streams.closeLocally("session:" + SessionEnded.hashOf("sid-2")))
                .expectNoEvent(Duration.ofMillis(200))
                .then(() -> streams.closeLocally("session:" + SessionEnded.hashOf("sid-1")))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aLastEventIdBeyondThePersonsNewest_startsAtTheNewest() {
        List<Long> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        when(store.after(eq(USER), eq(ORG), isNull(), anyLong(), anyInt())).thenAnswer(call -> {
            asked.add(call.getArgument(3));
            return Flux.empty();
        });

        StepVerifier.create(service.stream(CALLER, ORG, null, 1_000_000L, null).block())
                .assertNext(first -> assertThat(first.event()).isEqualTo("unread-count"))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertThat(asked).containsExactly(7L);
    }

    @Test
    void anOrgTheCallerIsNoMemberOf_is404_beforeAnyStream() {
        StepVerifier.create(service.stream(CALLER, UUID.randomUUID(), null, null, null))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ProblemException.class).hasMessageContaining("not found"))
                .verify(Duration.ofSeconds(10));
        assertThat(streams.openCount()).isZero();
    }

    private static Notification notification(long seq, Kind kind) {
        return new Notification(UUID.randomUUID(), seq, ORG, null, kind.name(), "t", "b", "/u", "tag", "normal", Instant.now(), null, false);
    }

    @Test
    void aStreamClosedBecauseItsPersonLeft_firstSendsTheirRemovalNotification_only() {
        when(store.after(eq(USER), eq(ORG), isNull(), eq(7L), anyInt()))
                .thenReturn(Flux.empty())
                .thenReturn(Flux.just(notification(8, Kind.CONVERSATION_ASSIGNED), notification(9, Kind.MEMBER_REMOVED)));
        StepVerifier.create(open(null))
                .assertNext(first -> assertThat(first.event()).isEqualTo("unread-count"))
                .then(() -> streams.closeMemberLocally(ORG, USER))
                .assertNext(last -> {
                    assertThat(last.event()).isEqualTo("notification");
                    assertThat(last.id()).isEqualTo("9");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aStreamClosedBecauseItsSessionEnded_sendsNothingMore() {
        when(store.after(eq(USER), eq(ORG), isNull(), eq(7L), anyInt()))
                .thenReturn(Flux.empty())
                .thenReturn(Flux.just(notification(9, Kind.MEMBER_REMOVED)));
        StepVerifier.create(open(null))
                .assertNext(first -> assertThat(first.event()).isEqualTo("unread-count"))
                .then(() -> streams.closeLocally("session:" + SessionEnded.hashOf("sid-1")))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aRemovalProcessedBeforeRegister_isCaughtByTheSweepAfterIt() {
        // the membership check passes (awaitMembership), then the removal lands before the stream registers
        MembershipProjection leaving = org.mockito.Mockito.spy(memberships);
        org.mockito.Mockito.doReturn(memberships.find(ORG, USER)).doReturn(java.util.Optional.empty()).when(leaving).find(ORG, USER);
        LiveStreams sweeping = new LiveStreams(null, leaving, endedSessions);
        NotificationService racing = new NotificationService(store, mock(Directory.class), leaving, signals, sweeping,
                new InAppProperties(Duration.ofMinutes(1), Duration.ofMinutes(1), 20, 100));
        StepVerifier.create(racing.stream(CALLER, ORG, null, null, null).block()).thenConsumeWhile(any -> true).expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(sweeping.openCount()).isZero();
    }

    @Test
    void aSessionEndedBeforeRegister_isCaughtByTheSweepAfterIt() {
        when(endedSessions.isEnded(SessionEnded.hashOf("sid-1"))).thenReturn(Mono.just(true));
        StepVerifier.create(open(null)).thenConsumeWhile(any -> true).expectComplete().verify(Duration.ofSeconds(10));
        assertThat(streams.openCount()).isZero();
    }
}
