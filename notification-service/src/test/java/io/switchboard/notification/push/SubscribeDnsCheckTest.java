package io.switchboard.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;

class SubscribeDnsCheckTest {

    private static final EndpointRules RULES = new EndpointRules(List.of());
    private static final String ENDPOINT = "https://push.example.com/send/1";

    @Test
    void aNameResolvingInwards_isRefused() {
        SubscribeDnsCheck check = new SubscribeDnsCheck(RULES, host -> new InetAddress[] {InetAddress.getLoopbackAddress()}, Duration.ofSeconds(5));
        try {
            assertThat(check.refusal(ENDPOINT).block(Duration.ofSeconds(10))).contains("public address");
        } finally {
            check.dispose();
        }
    }

    @Test
    void whenAllLookupThreadsAndTheQueueAreBusy_theLookupIsSkipped_notQueued() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        // every lookup hangs (a name server that never answers), and would refuse if it ever returned
        SubscribeDnsCheck check = new SubscribeDnsCheck(RULES, host -> {
            calls.incrementAndGet();
            started.incrementAndGet();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }, Duration.ofMinutes(5));
        Disposable.Composite hanging = Disposables.composite();
        try {
            // more than the threads and their queues take: those beyond are skipped already
            for (int i = 0; i < 10 * SubscribeDnsCheck.THREADS * (1 + SubscribeDnsCheck.QUEUED_PER_THREAD); i++) {
                hanging.add(check.refusal(ENDPOINT).subscribe());
            }
            while (started.get() < SubscribeDnsCheck.THREADS) {
                Thread.sleep(10);
            }

            // one more: no thread and no queue place for it, so it answers "no refusal known" instead of waiting
            String refusal = check.refusal(ENDPOINT).block(Duration.ofSeconds(30));

            assertThat(refusal).isNull();
            assertThat(calls.get()).isEqualTo(SubscribeDnsCheck.THREADS);
        } finally {
            release.countDown();
            hanging.dispose();
            check.dispose();
        }
    }
}
