package io.switchboard.messaging;

/**
 * A record the consumer path refuses to believe (see {@link io.switchboard.events.EventProvenance}): never
 * retried, it goes to {@code <topic>.DLT} at once with the reason in the {@value #HEADER} header.
 */
public class RejectedRecordException extends RuntimeException {

    /** Header on the dead-lettered record naming why it was rejected. */
    public static final String HEADER = "x-switchboard-rejected";

    private final String reason;

    public RejectedRecordException(String reason) {
        super("rejected: " + reason, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The rejection somewhere in {@code failure}'s causes (the listener container wraps what the listener threw). */
    static RejectedRecordException in(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof RejectedRecordException rejected) {
                return rejected;
            }
        }
        return null;
    }
}
