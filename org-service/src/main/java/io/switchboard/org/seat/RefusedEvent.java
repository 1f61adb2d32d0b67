package io.switchboard.org.seat;

/**
 * An event org-service will not act on (no matching seat reservation, another role than invited, an inviter
 * who no longer may give that role). Thrown from a consumer, it sends the record to the dead-letter topic.
 */
public class RefusedEvent extends RuntimeException {

    public RefusedEvent(String reason) {
        super(reason, null, false, false);
    }
}
