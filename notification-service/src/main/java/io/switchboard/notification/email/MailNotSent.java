package io.switchboard.notification.email;

/**
 * SMTP did not take a mail. {@code permanent}: trying again cannot help (a malformed address, a 5xx refusal
 * of the recipient). The message is log-safe (see {@link LogSafe#reason}); no cause is kept, so that no
 * stack trace carries the server's unfiltered words into a log.
 */
final class MailNotSent extends RuntimeException {

    private final boolean permanent;

    MailNotSent(boolean permanent, String reason) {
        super(LogSafe.reason(reason), null, false, false);
        this.permanent = permanent;
    }

    boolean permanent() {
        return permanent;
    }
}
