package io.switchboard.testing;

/** A real Kafka broker (KRaft). */
public interface KafkaServer extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();
}
