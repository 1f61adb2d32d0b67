package io.switchboard.routing.work;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.routing.shared.Channel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Gauges of the routing queues, by channel only (never by organization or portal: a tag per org would make a
 * time series per org): {@code switchboard.routing.queue.length} (QUEUED work items) and
 * {@code switchboard.routing.queue.oldest.wait} (seconds the longest-waiting one has waited since it was opened;
 * 0 when none waits). One query every {@code refresh} on a timer; a scrape never waits for the database.
 */
@Component
class QueueMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

    private final WorkItems items;
    private final MeterRegistry registry;
    private final Duration refresh;
    private final Map<Channel, Figures> last = new ConcurrentHashMap<>();
    private volatile Disposable running;

    QueueMetrics(WorkItems items, MeterRegistry registry, @Value("${switchboard.routing.queue-metrics-refresh:15s}") Duration refresh) {
        this.items = items;
        this.registry = registry;
        this.refresh = refresh;
        for (Channel channel : Channel.values()) {
            last.put(channel, new Figures(0, 0));
            Gauge.builder("switchboard.routing.queue.length", last, figures -> figures.get(channel).length())
                    .description("Work items waiting in a routing queue")
                    .tag("channel", channel.name())
                    .register(registry);
            Gauge.builder("switchboard.routing.queue.oldest.wait", last, figures -> figures.get(channel).oldestWaitSeconds())
                    .description("How long the longest-waiting queued work item has waited since it was opened (0 when none waits)")
                    .tag("channel", channel.name())
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    record Figures(long length, double oldestWaitSeconds) {
    }

    /** Reads the figures now; a channel with nothing queued reads 0. */
    Mono<Map<Channel, Figures>> read() {
        return items.queuedByChannel()
                .collectList()
                .map(rows -> {
                    Map<Channel, Figures> figures = new EnumMap<>(Channel.class);
                    for (Channel channel : Channel.values()) {
                        figures.put(channel, new Figures(0, 0));
                    }
                    rows.stream().filter(row -> Channel.isKnown(row.channel()))
                            .forEach(row -> figures.put(Channel.valueOf(row.channel()), new Figures(row.length(), row.oldestWaitSeconds())));
                    last.putAll(figures);
                    return figures;
                });
    }

    @Override
    public void start() {
        running = Flux.interval(Duration.ZERO, refresh, Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> read().onErrorResume(e -> {
                    log.debug("routing queue gauges not refreshed: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
