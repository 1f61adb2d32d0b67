package io.switchboard.notification.inapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.switchboard.notification.session.EndedSessions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The safety poll wakes only the people with new notifications, looking back two ticks. */
class SignalsPollTest {

    private final NotificationStore store = mock(NotificationStore.class);
    private final Signals signals = new Signals(mock(io.r2dbc.spi.ConnectionFactory.class),
            new InAppProperties(Duration.ofMinutes(1), Duration.ofMinutes(1), 20, 100), new LiveStreams(null, null, mock(EndedSessions.class)), store);

    @Test
    void wakesEveryoneOnItsFirstTick_thenOnlyThePeopleWithNewSeqs_fromTheMarkOfTheTickBeforeLast() {
        UUID ana = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        UUID cleo = UUID.randomUUID();
        List<UUID> woken = new CopyOnWriteArrayList<>();
        List<Long> asked = new CopyOnWriteArrayList<>();
        signals.wakeUpsOf(ana).subscribe(w -> woken.add(ana));
        signals.wakeUpsOf(ben).subscribe(w -> woken.add(ben));
        signals.wakeUpsOf(cleo).subscribe(w -> woken.add(cleo));
        when(store.maxSeq()).thenReturn(Mono.just(100L));
        when(store.changedSince(anyLong())).thenAnswer(call -> {
            long after = call.getArgument(0);
            asked.add(after);
            return after == 100L && asked.size() == 1 ? Flux.just(new NotificationStore.Changed(ben, 105))
                    : after == 100L ? Flux.just(new NotificationStore.Changed(ben, 105), new NotificationStore.Changed(cleo, 103))
                    : Flux.<NotificationStore.Changed>empty();
        });

        signals.poll().block();
        assertThat(woken).containsExactlyInAnyOrder(ana, ben, cleo);
        woken.clear();

        signals.poll().block();
        assertThat(woken).containsExactly(ben);
        woken.clear();

        // cleo's seq 103 was drawn before ben's 105 but committed after the last tick: the look-back still finds it
        signals.poll().block();
        assertThat(woken).containsExactlyInAnyOrder(ben, cleo);
        woken.clear();

        signals.poll().block();
        assertThat(asked).containsExactly(100L, 100L, 105L);
        assertThat(woken).isEmpty();
    }
}
