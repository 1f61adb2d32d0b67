package io.switchboard.notification.push;

import java.net.InetAddress;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The subscribe-time look at where an endpoint's name points, off the event loop and off the shared
 * {@code boundedElastic} pool: a JDK name lookup cannot be interrupted, so a never-answering name server would hold
 * its thread for as long as the resolver's own timeouts. It runs on a few threads of its own ({@code push-dns}, 4
 * threads, 32 queued); when they are all busy the lookup is skipped rather than queued without end, and a slow one
 * is not waited for beyond {@code grace}. Skipping is safe: the sender resolves the name again at connect time and
 * refuses a non-public address then.
 */
final class SubscribeDnsCheck {

    static final int THREADS = 4;
    /** Per thread (as the bounded-elastic scheduler counts): 32 waiting lookups in all. */
    static final int QUEUED_PER_THREAD = 8;

    private final EndpointRules rules;
    private final EndpointRules.Resolver resolver;
    private final Duration grace;
    private final Scheduler scheduler;

    SubscribeDnsCheck(EndpointRules rules, EndpointRules.Resolver resolver, Duration grace) {
        this.rules = rules;
        this.resolver = resolver;
        this.grace = grace;
        this.scheduler = Schedulers.newBoundedElastic(THREADS, QUEUED_PER_THREAD, "push-dns");
    }

    static SubscribeDnsCheck system(EndpointRules rules, Duration grace) {
        return new SubscribeDnsCheck(rules, InetAddress::getAllByName, grace);
    }

    /** Why the endpoint's host is refused (it resolves to a non-public address); empty when fine, unknown, slow or skipped. */
    Mono<String> refusal(String endpoint) {
        return Mono.fromCallable(() -> rules.addressRefusal(endpoint, resolver).orElse(null))
                .subscribeOn(scheduler)
                .timeout(grace, Mono.empty())
                .onErrorResume(skipped -> Mono.empty());
    }

    void dispose() {
        scheduler.dispose();
    }
}
