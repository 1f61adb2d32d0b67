package io.switchboard.identity.account;

import io.switchboard.events.notification.EmailRequested;
import java.util.UUID;

/** The sign-up confirmation mail: the link proves the mailbox. It names nobody but the address itself. */
final class ConfirmationMail {

    static final String SUBJECT = "Confirm your email address for Switchboard";

    private ConfirmationMail() {
    }

    /** Sign-ups belong to no organization yet; the mail pipeline keys them by the nil UUID. */
    static final UUID NO_ORG = new UUID(0, 0);

    static EmailRequested render(String to, String confirmLink, java.time.Duration validity) {
        long hours = Math.max(1, validity.toHours());
        String text = "Someone signed up for Switchboard with this address.\n\n"
                + "If it was you, confirm your email address: " + confirmLink + "\n\n"
                + "The link works once, for " + hours + " hours. If it was not you, ignore this mail: the account stays unconfirmed "
                + "and cannot be used, and you can still sign up or accept invitations yourself.\n";
        String html = "<p>Someone signed up for Switchboard with this address.</p>"
                + "<p>If it was you, <a href=\"" + io.switchboard.identity.mail.Framing.escape(confirmLink) + "\">confirm your email address</a>.</p>"
                + "<p>The link works once, for " + hours + " hours. If it was not you, ignore this mail: the account stays unconfirmed "
                + "and cannot be used, and you can still sign up or accept invitations yourself.</p>";
        return new EmailRequested(NO_ORG, UUID.randomUUID(), "signup-confirmation", to, SUBJECT, text, html);
    }
}
