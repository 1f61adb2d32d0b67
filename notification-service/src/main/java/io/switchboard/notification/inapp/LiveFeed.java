package io.switchboard.notification.inapp;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One live stream's content: the person's notifications after a cursor, then each new one as it is stored, and
 * the unread count whenever it changes. Replay and live are one mechanism, so nothing falls between them: the
 * wake-ups are subscribed to first, then the first pull runs (the replay after Last-Event-ID, or nothing when
 * the stream starts at the newest), and every wake-up pulls what is stored after the last item sent. An item is
 * sent once (the cursor only moves forward) and in {@code seq} order; a wake-up that finds nothing sends nothing.
 * Wake-ups that arrive while a pull runs fold into one further pull.
 *
 * <p>It relies on a person's notifications committing in seq order ({@link NotificationStore#add} takes a
 * per-person lock), so that a pull never sees seq n+1 before n has committed.
 */
final class LiveFeed {

    /** What a stream sends. */
    sealed interface Item permits New, UnreadCount {
    }

    record New(Notification notification) implements Item {
    }

    record UnreadCount(long unread) implements Item {
    }

    private LiveFeed() {
    }

    /**
     * @param startAfter the cursor: items with a greater seq are sent (the Last-Event-ID, or the newest seq at start)
     * @param wakeUps    signals that something may have changed for this person (stored, marked read, a reconnect)
     * @param after      the person's items (of the stream's filter) after a seq, oldest first, at most {@code page}
     * @param unread     the person's unread count (of the stream's filter)
     */
    static Flux<Item> of(long startAfter, Flux<?> wakeUps, LongFunction<Flux<Notification>> after, int page, Supplier<Mono<Long>> unread) {
        AtomicLong cursor = new AtomicLong(startAfter);
        AtomicLong lastCount = new AtomicLong(-1);
        // merge subscribes in order: the wake-ups first, so that nothing stored after the first pull goes unnoticed
        return Flux.merge(wakeUps.map(any -> Boolean.TRUE).onBackpressureLatest(), Mono.just(Boolean.TRUE))
                .onBackpressureLatest()
                .concatMap(wake -> pull(cursor, after, page)
                        .concatWith(unread.get().flatMap(count -> lastCount.getAndSet(count) == count
                                ? Mono.<Item>empty() : Mono.<Item>just(new UnreadCount(count)))), 1);
    }

    private static Flux<Item> pull(AtomicLong cursor, LongFunction<Flux<Notification>> after, int page) {
        return Flux.defer(() -> after.apply(cursor.get()).collectList())
                .flatMap(batch -> {
                    List<Notification> fresh = batch.stream().filter(n -> n.seq() > cursor.get()).toList();
                    if (!fresh.isEmpty()) {
                        cursor.set(fresh.getLast().seq());
                    }
                    Flux<Item> items = Flux.fromIterable(fresh).map(New::new);
                    return batch.size() >= page ? items.concatWith(pull(cursor, after, page)) : items;
                });
    }
}
