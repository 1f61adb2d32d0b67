package io.switchboard.identity.account;

import io.switchboard.events.notification.EmailRequested;
import io.switchboard.identity.mail.Framing;
import java.util.UUID;

/**
 * The welcome mail of a directly created account: a link that confirms the address, never the password.
 * Names are quoted and labelled as entered by people.
 */
final class WelcomeMail {

    static final String SUBJECT = "Your Switchboard account: confirm your email address";

    private WelcomeMail() {
    }

    static EmailRequested render(UUID orgId, String to, String name, String orgName, String creatorName, String role, String confirmLink) {
        String org = orgName == null || orgName.isBlank() ? "(unnamed)" : orgName;
        String creator = creatorName == null || creatorName.isBlank() ? "(no name given)" : creatorName;
        String text = "A Switchboard account was created for " + to + " with the role " + role + ".\n\n"
                + "Your name (as entered): " + Framing.quoted(name) + "\n"
                + "Organization (name as entered by its owners): " + Framing.quoted(org) + "\n"
                + "Created by (name as entered by that person): " + Framing.quoted(creator) + "\n\n"
                + "Confirm your email address: " + confirmLink + "\n\n"
                + "Then sign in with the password you were given; you will choose your own at first sign-in.\n"
                + "If you do not know this organization, ignore this mail.\n";
        String html = "<p>A Switchboard account was created for " + Framing.escape(to) + " with the role " + Framing.escape(role) + ".</p>"
                + "<table><tr><td>Your name (as entered):</td><td>" + Framing.quotedHtml(name) + "</td></tr>"
                + "<tr><td>Organization (name as entered by its owners):</td><td>" + Framing.quotedHtml(org) + "</td></tr>"
                + "<tr><td>Created by (name as entered by that person):</td><td>" + Framing.quotedHtml(creator) + "</td></tr></table>"
                + "<p><a href=\"" + Framing.escape(confirmLink) + "\">Confirm your email address</a></p>"
                + "<p>Then sign in with the password you were given; you will choose your own at first sign-in. "
                + "If you do not know this organization, ignore this mail.</p>";
        return new EmailRequested(orgId, UUID.randomUUID(), "welcome", to, SUBJECT, text, html);
    }
}
