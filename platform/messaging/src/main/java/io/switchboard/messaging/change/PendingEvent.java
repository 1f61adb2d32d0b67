package io.switchboard.messaging.change;

import io.switchboard.events.EventType;

/** An event a domain transition raised, to be appended to the outbox in the transaction of the change. */
public record PendingEvent<T extends Record>(EventType<T> type, T data) {

    public static <T extends Record> PendingEvent<T> of(EventType<T> type, T data) {
        return new PendingEvent<>(type, data);
    }
}
