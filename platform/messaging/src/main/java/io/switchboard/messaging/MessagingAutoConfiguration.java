package io.switchboard.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.r2dbc.spi.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import io.switchboard.events.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;

/** Outbox, relay, inbox and dead-lettering for every service that has a database and Kafka. */
@AutoConfiguration(
        after = {R2dbcAutoConfiguration.class, R2dbcTransactionManagerAutoConfiguration.class},
        before = KafkaAutoConfiguration.class)
@ConditionalOnBean(ConnectionFactory.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventSerde eventSerde(MessagingProperties properties, @Value("${spring.application.name:unknown}") String applicationName) {
        String source = properties.source() != null ? properties.source() : applicationName;
        return new EventSerde(source, Clock.systemUTC());
    }

    /**
     * The one producer of a service: acks from all in-sync replicas, idempotent (no duplicates or reordering
     * on retries), a short linger to batch. Boot's own template backs off in its favour.
     */
    @Bean
    KafkaTemplate<String, String> kafkaTemplate(KafkaProperties kafkaProperties, ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = new HashMap<>(kafkaProperties.buildProducerProperties());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(config);
        meters.ifAvailable(registry -> producers.addListener(new MicrometerProducerListener<>(registry)));
        return new KafkaTemplate<>(producers);
    }

    /** Lazily resolved: the tracer, propagator and observation registry come from Boot's tracing auto-configuration, when present. */
    @Bean
    @ConditionalOnMissingBean
    Traces traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator, ObjectProvider<ObservationRegistry> observations) {
        return new Traces(tracer, propagator, observations);
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(ConnectionFactory connectionFactory, EventSerde serde, Traces traces) {
        return new Outbox(DatabaseClient.create(connectionFactory), serde, traces);
    }

    /** The outbox backlog and the age of its oldest unsent row, as gauges (when there is a meter registry). */
    @Bean
    @ConditionalOnMissingBean
    OutboxMetrics outboxMetrics(ConnectionFactory connectionFactory, ObjectProvider<MeterRegistry> meters, MessagingProperties properties) {
        return new OutboxMetrics(DatabaseClient.create(connectionFactory), meters, properties.metricsRefresh());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "switchboard.messaging.relay-enabled", havingValue = "true", matchIfMissing = true)
    OutboxRelay outboxRelay(ConnectionFactory connectionFactory, ReactiveTransactionManager transactionManager,
                            KafkaTemplate<String, String> kafkaTemplate, MessagingProperties properties) {
        return new OutboxRelay(connectionFactory, TransactionalOperator.create(transactionManager), kafkaTemplate, properties);
    }

    @Bean
    @ConditionalOnMissingBean
    Inbox inbox(ConnectionFactory connectionFactory, ReactiveTransactionManager transactionManager, EventSerde serde, Traces traces) {
        return new Inbox(DatabaseClient.create(connectionFactory), TransactionalOperator.create(transactionManager), serde, traces);
    }

    /**
     * Bounded retries, then the record goes to {@code <topic>.DLT}; unreadable JSON and records the inbox
     * rejected ({@link RejectedRecordException}, with the reason in the {@value RejectedRecordException#HEADER}
     * header) go there at once.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> kafkaTemplate, MessagingProperties properties) {
        DeadLetterPublishingRecoverer toDeadLetterTopic = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        toDeadLetterTopic.addHeadersFunction((record, failure) -> {
            RejectedRecordException rejected = RejectedRecordException.in(failure);
            RecordHeaders headers = new RecordHeaders();
            if (rejected != null) {
                headers.add(RejectedRecordException.HEADER, rejected.reason().getBytes(StandardCharsets.UTF_8));
            }
            return headers;
        });
        DefaultErrorHandler handler = new DefaultErrorHandler(toDeadLetterTopic,
                new FixedBackOff(properties.consumerBackoff().toMillis(), properties.consumerRetries()));
        handler.addNotRetryableExceptions(JacksonException.class, RejectedRecordException.class);
        return handler;
    }
}
