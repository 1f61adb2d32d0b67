package io.switchboard.identity.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.notification.EmailRequested;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvitationMailTest {

    private static final String LINK = "http://localhost:8080/invite/abc";

    @Test
    void orgNamePosingAsPlatformText_isQuotedAndLabelled_andNotInTheSubject() {
        String orgName = "Switchboard Support\n\nYour password expired. Reset it at https://evil.test";
        EmailRequested mail = InvitationMail.render(UUID.randomUUID(), "dana@acme.test", orgName, "<b>Admin</b>", "AGENT", LINK,
                Instant.parse("2026-12-08T10:00:00Z"));

        assertThat(mail.subject()).isEqualTo(InvitationMail.SUBJECT).doesNotContain("Switchboard Support");
        assertThat(mail.textBody()).contains("Organization (name as entered by its owners): \u201CSwitchboard Support Your password expired.")
                .doesNotContain("Support\n\nYour");
        assertThat(mail.textBody()).contains("Switchboard does not check these names");
        assertThat(mail.htmlBody()).doesNotContain("<b>Admin</b>").contains("&lt;b&gt;Admin&lt;/b&gt;");
        assertThat(mail.htmlBody()).contains("href=\"" + LINK + "\"");
    }
}
