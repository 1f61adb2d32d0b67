package io.switchboard.testing;

import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka (KRaft) in a container, where a Docker engine answers. */
final class ContainerKafkaServer implements KafkaServer {

    private final KafkaContainer container;

    private ContainerKafkaServer(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafkaServer start() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.2")
                .withEnv("KAFKA_NUM_PARTITIONS", "3");
        container.start();
        return new ContainerKafkaServer(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
