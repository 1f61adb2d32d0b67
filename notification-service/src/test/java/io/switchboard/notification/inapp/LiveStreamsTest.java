package io.switchboard.notification.inapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveStreamsTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID OTHER_ORG = UUID.randomUUID();
    private static final UUID ANA = UUID.randomUUID();
    private static final UUID BEN = UUID.randomUUID();

    private final LiveStreams streams = new LiveStreams(null, null, null);

    private static boolean closed(LiveStreams.Handle handle) {
        return handle.closed().then(reactor.core.publisher.Mono.just(true)).timeout(Duration.ofMillis(50), reactor.core.publisher.Mono.just(false))
                .block();
    }

    @Test
    void aSessionsEnd_closesTheStreamsItsTokensOpened_only() {
        LiveStreams.Handle phone = streams.register(ANA, ORG, "session-phone");
        LiveStreams.Handle phoneOtherOrg = streams.register(ANA, OTHER_ORG, "session-phone");
        LiveStreams.Handle laptop = streams.register(ANA, ORG, "session-laptop");

        streams.closeLocally("session:session-phone");

        assertThat(closed(phone)).isTrue();
        assertThat(closed(phoneOtherOrg)).isTrue();
        assertThat(closed(laptop)).isFalse();
        assertThat(streams.openCount()).isEqualTo(1);
    }

    @Test
    void leavingAnOrg_closesThatPersonsStreamsOfThatOrg_only() {
        LiveStreams.Handle anaHere = streams.register(ANA, ORG, "s1");
        LiveStreams.Handle anaElsewhere = streams.register(ANA, OTHER_ORG, "s1");
        LiveStreams.Handle benHere = streams.register(BEN, ORG, "s2");

        streams.closeMemberLocally(ORG, ANA);

        assertThat(closed(anaHere)).isTrue();
        assertThat(closed(anaElsewhere)).isFalse();
        assertThat(closed(benHere)).isFalse();
    }

    @Test
    void aDeletedOrg_closesEveryStreamOfIt_only() {
        LiveStreams.Handle ana = streams.register(ANA, ORG, "s1");
        LiveStreams.Handle ben = streams.register(BEN, ORG, "s2");
        LiveStreams.Handle elsewhere = streams.register(ANA, OTHER_ORG, "s1");

        streams.closeOrgLocally(ORG);

        assertThat(closed(ana)).isTrue();
        assertThat(closed(ben)).isTrue();
        assertThat(closed(elsewhere)).isFalse();
    }

    @Test
    void malformedAnnouncements_closeNothing() {
        LiveStreams.Handle handle = streams.register(ANA, ORG, "s1");

        streams.closeLocally("member:not-a-uuid:x");
        streams.closeLocally("member:");
        streams.closeLocally("org:nope");
        streams.closeLocally("something else");
        streams.closeLocally(null);

        assertThat(closed(handle)).isFalse();
    }

    @Test
    void sweep_closesStreamsWhoseMembershipEndedOrWhoseSessionEnded_only() {
        LiveStreams.Handle anaHere = streams.register(ANA, ORG, "s1");
        LiveStreams.Handle anaElsewhere = streams.register(ANA, OTHER_ORG, "s1");
        LiveStreams.Handle benHere = streams.register(BEN, ORG, "s2");
        LiveStreams.Handle benSignedOut = streams.register(BEN, OTHER_ORG, "s3");

        int closed = streams.sweep((org, user) -> !(org.equals(ORG) && user.equals(ANA)), java.util.Set.of("s3"));

        assertThat(closed).isEqualTo(2);
        assertThat(closed(anaHere)).isTrue();
        assertThat(anaHere.reason()).isEqualTo(LiveStreams.Reason.MEMBER_GONE);
        assertThat(closed(benSignedOut)).isTrue();
        assertThat(benSignedOut.reason()).isEqualTo(LiveStreams.Reason.OTHER);
        assertThat(closed(anaElsewhere)).isFalse();
        assertThat(closed(benHere)).isFalse();
        assertThat(streams.openCount()).isEqualTo(2);
    }

    @Test
    void aPersonsStreamsBeyondTheCap_closeTheirOldest() {
        java.util.List<LiveStreams.Handle> anas = new java.util.ArrayList<>();
        for (int i = 0; i < LiveStreams.MAX_PER_PERSON; i++) {
            anas.add(streams.register(ANA, ORG, "s" + i));
        }
        LiveStreams.Handle ben = streams.register(BEN, ORG, "b");
        assertThat(anas).noneMatch(LiveStreamsTest::closed);

        LiveStreams.Handle newest = streams.register(ANA, OTHER_ORG, "s-new");

        assertThat(closed(anas.getFirst())).isTrue();
        assertThat(anas.subList(1, anas.size())).noneMatch(LiveStreamsTest::closed);
        assertThat(closed(newest)).isFalse();
        assertThat(closed(ben)).isFalse();
        assertThat(streams.openCount()).isEqualTo(LiveStreams.MAX_PER_PERSON + 1);
    }
}
