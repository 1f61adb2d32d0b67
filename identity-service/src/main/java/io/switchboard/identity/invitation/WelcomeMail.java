package io.switchboard.identity.invitation;

import io.switchboard.events.notification.EmailRequested;
import java.util.UUID;

/** The welcome mail of a directly created account; it never carries the password. */
final class WelcomeMail {

    private WelcomeMail() {
    }

    static EmailRequested render(UUID orgId, String to, String name, String orgName, String creatorName, String role, String publicUrl) {
        String creator = creatorName == null || creatorName.isBlank() ? "An administrator" : creatorName;
        String subject = "Welcome to " + orgName + " on Switchboard";
        String text = "Hello " + name + ",\n\n" + creator + " created your Switchboard account in " + orgName + " as " + role + ".\n"
                + "Sign in at " + publicUrl + " with " + to + " and the password you were given; you will choose your own at first sign-in.\n";
        String html = "<p>Hello " + escape(name) + ",</p><p>" + escape(creator) + " created your Switchboard account in <b>" + escape(orgName)
                + "</b> as " + escape(role) + ".</p><p><a href=\"" + escape(publicUrl) + "\">Sign in</a> with " + escape(to)
                + " and the password you were given; you will choose your own at first sign-in.</p>";
        return new EmailRequested(orgId, UUID.randomUUID(), "welcome", to, subject, text, html);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
