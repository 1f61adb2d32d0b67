package io.switchboard.messaging;

import io.micrometer.common.KeyValues;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The trace context across the outbox: {@link Outbox} stores the current W3C {@code traceparent} with the row,
 * {@link OutboxRelay} sends it as the record's {@value #TRACEPARENT} header, and {@link Inbox} runs the consumer's
 * effect in an observation whose parent is that header, so the next hop's outbox rows carry the same trace id.
 * Without a tracer (Micrometer Tracing absent) it does nothing.
 */
public class Traces {

    /** The Kafka header (and outbox column) that carries the W3C trace context. */
    public static final String TRACEPARENT = "traceparent";

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private final ObjectProvider<ObservationRegistry> observations;

    public Traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator, ObjectProvider<ObservationRegistry> observations) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.observations = observations;
    }

    /** No tracing: stores and sends no trace context. */
    public static Traces none() {
        return new Traces(null, null, null);
    }

    /** The current span's {@code traceparent}, from the thread or the Reactor context (a request's or a consumer's observation); null without one. */
    public String traceparent(ContextView context) {
        Tracer current = tracer != null ? tracer.getIfAvailable() : null;
        Propagator w3c = propagator != null ? propagator.getIfAvailable() : null;
        if (current == null || w3c == null) {
            return null;
        }
        try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context, ObservationThreadLocalAccessor.KEY)) {
            Span span = current.currentSpan();
            if (span == null) {
                return null;
            }
            Map<String, String> carrier = new HashMap<>();
            w3c.inject(span.context(), carrier, Map::put);
            return carrier.get(TRACEPARENT);
        }
    }

    /**
     * Runs {@code work} in an observation (a consumer span) whose parent is {@code traceparent}, when there is one:
     * what {@code work} logs carries its trace id, and what it appends to the outbox carries its trace context.
     * Without a traceparent the span starts a new trace.
     */
    public <T> Mono<T> received(String consumer, String topic, String traceparent, Mono<T> work) {
        return continued("switchboard.inbox", topic + " process", traceparent, KeyValues.of("consumer", consumer, "topic", topic), work);
    }

    /**
     * Runs {@code work} in an observation named {@code name} (a span, and a timer with {@code tags}) that continues the
     * trace {@code traceparent} names: for work that a row carried from one trace to a later loop (a queued push).
     */
    public <T> Mono<T> continued(String name, String spanName, String traceparent, KeyValues tags, Mono<T> work) {
        ObservationRegistry registry = observations != null ? observations.getIfAvailable() : null;
        if (registry == null || registry.isNoop()) {
            return work;
        }
        return Mono.defer(() -> {
            Map<String, String> carrier = new HashMap<>();
            if (traceparent != null) {
                carrier.put(TRACEPARENT, traceparent);
            }
            ReceiverContext<Map<String, String>> context = new ReceiverContext<>((headers, key) -> headers.get(key));
            context.setCarrier(carrier);
            Observation observation = Observation.createNotStarted(name, () -> context, registry)
                    .contextualName(spanName)
                    .lowCardinalityKeyValues(tags)
                    .start();
            return work
                    .contextWrite(reactorContext -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation))
                    .doOnError(observation::error)
                    .doFinally(signal -> observation.stop());
        });
    }
}
