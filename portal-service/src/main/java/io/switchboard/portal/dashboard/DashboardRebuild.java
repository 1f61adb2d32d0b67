package io.switchboard.portal.dashboard;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At start, before any Kafka listener runs: when the read model was built by another consumer group than
 * {@code switchboard.dashboard.consumer-group}, empty it, so that the new group (reading routing.assignments.v1 from
 * its start, auto-offset-reset earliest) rebuilds it. With the same group as before, nothing happens.
 */
@Component
class DashboardRebuild implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DashboardRebuild.class);

    private final ProjectionState state;
    private final DashboardProperties properties;
    private final Clock clock;
    private volatile boolean running;

    DashboardRebuild(ProjectionState state, DashboardProperties properties, Clock clock) {
        this.state = state;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        state.claim(properties.consumerGroup(), clock.instant())
                .doOnNext(before -> log.warn("dashboard read model was built by consumer {}; emptied it, {} rebuilds it from the start of the topic",
                        before, properties.consumerGroup()))
                .block(Duration.ofMinutes(5));
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the Kafka listener containers (which start in the last phases). */
    @Override
    public int getPhase() {
        return 0;
    }
}
