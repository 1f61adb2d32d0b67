package io.switchboard.notification.inapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The replay/live merge of one stream, against an in-memory store. */
class LiveFeedTest {

    private final NavigableMap<Long, Notification> stored = new ConcurrentSkipListMap<>();
    private final AtomicLong unread = new AtomicLong();
    private final Sinks.Many<Object> wakeUps = Sinks.many().multicast().directBestEffort();

    private void store(long seq) {
        stored.put(seq, new Notification(UUID.randomUUID(), seq, UUID.randomUUID(), null, "ROLE_CHANGED", "t" + seq, "b", "/", "tag", "normal",
                Instant.now(), null, false));
        unread.incrementAndGet();
    }

    private Flux<Notification> after(long seq, int page) {
        return Flux.fromIterable(List.copyOf(stored.tailMap(seq, false).values())).take(page);
    }

    private Flux<LiveFeed.Item> feed(long startAfter, int page) {
        return feed(startAfter, page, seq -> after(seq, page));
    }

    private Flux<LiveFeed.Item> feed(long startAfter, int page, LongFunction<Flux<Notification>> after) {
        return LiveFeed.of(startAfter, wakeUps.asFlux(), after, page, () -> Mono.fromSupplier(unread::get));
    }

    private static long seq(LiveFeed.Item item) {
        return ((LiveFeed.New) item).notification().seq();
    }

    private void wake() {
        assertThat(wakeUps.tryEmitNext("wake").isSuccess()).isTrue();
    }

    @Test
    void replaysWhatCameAfterTheCursor_thenTheCount_thenEachNewOne() {
        for (long seq = 1; seq <= 5; seq++) {
            store(seq);
        }

        StepVerifier.create(feed(2, 100))
                .assertNext(item -> assertThat(seq(item)).isEqualTo(3))
                .assertNext(item -> assertThat(seq(item)).isEqualTo(4))
                .assertNext(item -> assertThat(seq(item)).isEqualTo(5))
                .assertNext(item -> assertThat(item).isEqualTo(new LiveFeed.UnreadCount(5)))
                .then(() -> {
                    store(6);
                    wake();
                })
                .assertNext(item -> assertThat(seq(item)).isEqualTo(6))
                .assertNext(item -> assertThat(item).isEqualTo(new LiveFeed.UnreadCount(6)))
                .then(this::wake) // nothing new: nothing sent
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> {
                    unread.set(0); // marked read elsewhere
                    wake();
                })
                .assertNext(item -> assertThat(item).isEqualTo(new LiveFeed.UnreadCount(0)))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aLongReplay_isReadPageByPage_inOrder_eachOnce() {
        for (long seq = 1; seq <= 25; seq++) {
            store(seq);
        }

        List<Long> seqs = feed(0, 10).filter(LiveFeed.New.class::isInstance).map(LiveFeedTest::seq).take(25).collectList()
                .block(Duration.ofSeconds(5));

        assertThat(seqs).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 25).boxed().toList());
    }

    /** A notification stored (and its wake-up sent) while the replay's query runs is sent once, after the replay. */
    @Test
    void somethingStoredDuringTheReplay_isNeitherLostNorDoubled() {
        store(1);
        store(2);
        AtomicBoolean first = new AtomicBoolean(true);
        LongFunction<Flux<Notification>> racing = seq -> {
            Flux<Notification> snapshot = after(seq, 100);
            List<Notification> now = snapshot.collectList().block();
            if (first.getAndSet(false)) {
                store(3); // committed after the replay's snapshot was read...
                wake();   // ...and heard while the replay is still being sent
            }
            return Flux.fromIterable(now);
        };

        List<Long> seqs = feed(0, 100, racing).filter(LiveFeed.New.class::isInstance).map(LiveFeedTest::seq)
                .take(Duration.ofMillis(500)).collectList().block(Duration.ofSeconds(5));

        assertThat(seqs).containsExactly(1L, 2L, 3L);
    }

    /** Without a Last-Event-ID the stream starts at the newest: what came before is not sent. */
    @Test
    void fromTheNewest_sendsOnlyWhatComesLater() {
        store(1);
        store(2);

        StepVerifier.create(feed(2, 100))
                .assertNext(item -> assertThat(item).isEqualTo(new LiveFeed.UnreadCount(2)))
                .then(() -> {
                    store(3);
                    store(4);
                    wake();
                    wake();
                })
                .assertNext(item -> assertThat(seq(item)).isEqualTo(3))
                .assertNext(item -> assertThat(seq(item)).isEqualTo(4))
                .assertNext(item -> assertThat(item).isEqualTo(new LiveFeed.UnreadCount(4)))
                .expectNoEvent(Duration.ofMillis(100))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }
}
