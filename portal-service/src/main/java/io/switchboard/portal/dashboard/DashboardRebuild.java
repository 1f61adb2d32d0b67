package io.switchboard.portal.dashboard;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At start, before any Kafka listener runs: when the read model was built by another consumer group than
 * {@code switchboard.dashboard.consumer-group}, empty it (and the inbox rows of both groups), so that the group
 * rebuilds it from the start of routing.assignments.v1: a new group by auto-offset-reset earliest, a group used
 * before because the listener seeks to the beginning ({@link #emptiedAtStart()}). With the same group as before,
 * nothing happens.
 */
@Component
public class DashboardRebuild implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DashboardRebuild.class);

    private final ProjectionState state;
    private final DashboardProperties properties;
    private final Clock clock;
    private volatile boolean running;
    private volatile boolean emptied;

    DashboardRebuild(ProjectionState state, DashboardProperties properties, Clock clock) {
        this.state = state;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        state.claim(properties.consumerGroup(), clock.instant())
                .doOnNext(before -> {
                    emptied = true;
                    log.warn("dashboard read model was built by consumer {}; emptied it, {} rebuilds it from the start of the topic",
                            before, properties.consumerGroup());
                })
                .block(Duration.ofMinutes(5));
        running = true;
    }

    /**
     * Whether this start emptied the read model: the listener then reads routing.assignments.v1 from its start even
     * where the group has committed offsets (a group used before, e.g. a switch back to the previous name, would
     * otherwise resume where it stopped and leave out everything before).
     */
    public boolean emptiedAtStart() {
        return emptied;
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
