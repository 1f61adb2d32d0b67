package io.switchboard.identity.invitation;

import io.switchboard.events.notification.EmailRequested;
import io.switchboard.identity.mail.Framing;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The invitation mail, text and HTML. It holds the link with the token: it goes only to notification-service.
 * The organization's and the inviter's names are whatever people typed: they are quoted and labelled as such,
 * and the subject holds none of them, so no name can pose as Switchboard's own text.
 */
final class InvitationMail {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    static final String SUBJECT = "You are invited to join a team on Switchboard";

    private InvitationMail() {
    }

    static EmailRequested render(UUID orgId, String to, String orgName, String inviterName, String role, String link, Instant expiresAt) {
        String org = orgName == null || orgName.isBlank() ? "(unnamed)" : orgName;
        String inviter = inviterName == null || inviterName.isBlank() ? "(no name given)" : inviterName;
        String text = "You are invited to join a team on Switchboard with the role " + role + ".\n\n"
                + "Organization (name as entered by its owners): " + Framing.quoted(org) + "\n"
                + "Invited by (name as entered by that person): " + Framing.quoted(inviter) + "\n"
                + "Switchboard does not check these names. If you do not know them, ignore this mail.\n\n"
                + "Accept the invitation: " + link + "\n\n"
                + "The link works once, until " + DATE.format(expiresAt) + ".\n";
        String html = "<p>You are invited to join a team on Switchboard with the role " + Framing.escape(role) + ".</p>"
                + "<table><tr><td>Organization (name as entered by its owners):</td><td>" + Framing.quotedHtml(org) + "</td></tr>"
                + "<tr><td>Invited by (name as entered by that person):</td><td>" + Framing.quotedHtml(inviter) + "</td></tr></table>"
                + "<p>Switchboard does not check these names. If you do not know them, ignore this mail.</p>"
                + "<p><a href=\"" + Framing.escape(link) + "\">Accept the invitation</a></p>"
                + "<p>The link works once, until " + Framing.escape(DATE.format(expiresAt)) + ".</p>";
        return new EmailRequested(orgId, UUID.randomUUID(), "invitation", to, SUBJECT, text, html);
    }
}
