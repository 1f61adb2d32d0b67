package io.switchboard.org.access;

import io.switchboard.messaging.change.PendingEvent;

/** A member's new state and the event that says so. */
public record Transition(Member after, PendingEvent<?> event) {
}
