package io.switchboard.membership;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The Kafka client metrics of a consumer that reads by assignment (the membership projection, the gateway's ended
 * sessions). Boot binds only the consumers of its listener containers; these are plain {@link KafkaConsumer}s, so
 * their lag ({@code kafka_consumer_fetch_manager_records_lag}) would otherwise go unpublished. Tagged {@code reader}.
 */
public final class ReaderMetrics {

    private static final ReaderMetrics NONE = new ReaderMetrics(null);

    private final MeterRegistry registry;

    private ReaderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public static ReaderMetrics to(MeterRegistry registry) {
        return new ReaderMetrics(registry);
    }

    public static ReaderMetrics none() {
        return NONE;
    }

    /** Binds the consumer's metrics; close the answer with the consumer (a restarted consumer binds anew). */
    public AutoCloseable bind(KafkaConsumer<?, ?> consumer, String reader) {
        if (registry == null) {
            return () -> { };
        }
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, Tags.of("reader", reader));
        metrics.bindTo(registry);
        return metrics;
    }
}
