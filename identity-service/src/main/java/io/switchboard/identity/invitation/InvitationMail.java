package io.switchboard.identity.invitation;

import io.switchboard.events.notification.EmailRequested;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** The invitation mail, text and HTML. It holds the link with the token: it goes only to notification-service. */
final class InvitationMail {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private InvitationMail() {
    }

    static EmailRequested render(UUID orgId, String to, String orgName, String inviterName, String role, String link, Instant expiresAt) {
        String inviter = inviterName == null || inviterName.isBlank() ? "Someone" : inviterName;
        String org = orgName == null ? "a team" : orgName;
        String subject = inviter + " invited you to " + org + " on Switchboard";
        String text = inviter + " invited you to join " + org + " on Switchboard as " + role + ".\n\n"
                + "Accept the invitation: " + link + "\n\n"
                + "The link works once, until " + DATE.format(expiresAt) + ". If you did not expect it, ignore this mail.\n";
        String html = "<p>" + escape(inviter) + " invited you to join <b>" + escape(org) + "</b> on Switchboard as "
                + escape(role) + ".</p><p><a href=\"" + escape(link) + "\">Accept the invitation</a></p>"
                + "<p>The link works once, until " + escape(DATE.format(expiresAt)) + ". If you did not expect it, ignore this mail.</p>";
        return new EmailRequested(orgId, UUID.randomUUID(), "invitation", to, subject, text, html);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
