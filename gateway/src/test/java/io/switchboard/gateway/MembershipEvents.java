package io.switchboard.gateway;

import io.switchboard.events.EventType;
import io.switchboard.testing.Events;
import io.switchboard.testing.SignedInUser;
import java.util.UUID;

/**
 * Publishes membership events to the real Kafka as org-service would, for the gateway's projection: a thin
 * name over platform/testing's {@link Events} and {@link SignedInUser}, which new tests should use directly.
 */
final class MembershipEvents implements AutoCloseable {

    private final Events events = Events.onSharedBroker();

    <T extends Record> void publish(EventType<T> type, UUID org, T data) {
        events.publish(type, org, data);
    }

    static UUID subject(String token) {
        return SignedInUser.subject(token);
    }

    @Override
    public void close() {
        events.close();
    }
}
