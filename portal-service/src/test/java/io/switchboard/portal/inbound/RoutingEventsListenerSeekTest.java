package io.switchboard.portal.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.switchboard.portal.dashboard.DashboardProperties;
import io.switchboard.portal.dashboard.DashboardRebuild;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ConsumerSeekAware.ConsumerSeekCallback;

/**
 * A start that emptied the read model reads each partition of routing.assignments.v1 from its start once, whatever
 * the group committed before: switching the consumer group back to a name used before (A, then B, then A again)
 * must rebuild the whole model, not resume where A stopped and leave out everything before.
 */
class RoutingEventsListenerSeekTest {

    static final TopicPartition P0 = new TopicPartition("routing.assignments.v1", 0);
    static final TopicPartition P1 = new TopicPartition("routing.assignments.v1", 1);

    /** Records the seeks asked for; any other call is not expected. */
    static final class Seeks implements ConsumerSeekCallback {
        final List<Collection<TopicPartition>> toBeginning = new ArrayList<>();

        @Override
        public void seek(String topic, int partition, long offset) {
            throw new AssertionError("no seek to an offset");
        }

        @Override
        public void seekToBeginning(String topic, int partition) {
            toBeginning.add(List.of(new TopicPartition(topic, partition)));
        }

        @Override
        public void seekToBeginning(Collection<TopicPartition> partitions) {
            toBeginning.add(List.copyOf(partitions));
        }

        @Override
        public void seekToEnd(String topic, int partition) {
            throw new AssertionError("no seek to the end");
        }

        @Override
        public void seekRelative(String topic, int partition, long offset, boolean toCurrent) {
            throw new AssertionError("no relative seek");
        }

        @Override
        public void seekToTimestamp(String topic, int partition, long timestamp) {
            throw new AssertionError("no seek to a time");
        }

        @Override
        public void seekToTimestamp(Collection<TopicPartition> partitions, long timestamp) {
            throw new AssertionError("no seek to a time");
        }

        @Override
        public void seek(String topic, int partition, Function<Long, Long> offsetComputeFunction) {
            throw new AssertionError("no computed seek");
        }
    }

    private static RoutingEventsListener listener(boolean emptiedAtStart) {
        DashboardRebuild rebuild = mock(DashboardRebuild.class);
        when(rebuild.emptiedAtStart()).thenReturn(emptiedAtStart);
        return new RoutingEventsListener(null, null, null, new DashboardProperties("portal-service.dashboard"), rebuild);
    }

    @Test
    void afterAStartThatEmptiedTheReadModel_eachPartitionIsReadFromItsStart_once() {
        RoutingEventsListener listener = listener(true);
        Seeks seeks = new Seeks();
        listener.onPartitionsAssigned(Map.of(P0, 120L), seeks);
        assertThat(seeks.toBeginning).containsExactly(List.of(P0));

        // a rebalance later: the partition read from its start keeps its place, a newly assigned one starts over
        listener.onPartitionsAssigned(Map.of(P0, 300L, P1, 80L), seeks);
        assertThat(seeks.toBeginning).containsExactly(List.of(P0), List.of(P1));
        listener.onPartitionsAssigned(Map.of(P0, 310L, P1, 90L), seeks);
        assertThat(seeks.toBeginning).hasSize(2);
    }

    @Test
    void withTheSameGroupAsBefore_theGroupResumesWhereItStopped() {
        RoutingEventsListener listener = listener(false);
        Seeks seeks = new Seeks();
        listener.onPartitionsAssigned(Map.of(P0, 120L, P1, 80L), seeks);
        assertThat(seeks.toBeginning).isEmpty();
    }
}
