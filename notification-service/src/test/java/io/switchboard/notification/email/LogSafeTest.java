package io.switchboard.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void domainOf_keepsOnlyTheDomain() {
        assertThat(LogSafe.domainOf("Dana@Acme.TEST")).isEqualTo("acme.test");
        assertThat(LogSafe.domainOf("Dana Smith <dana@acme.test>")).isEqualTo("acme.test");
        assertThat(LogSafe.domainOf("no-at-sign")).isEqualTo("(no domain)");
        assertThat(LogSafe.domainOf(null)).isEqualTo("(no domain)");
    }

    @Test
    void reason_masksLinksAndMailboxNames_andStaysOnOneShortLine() {
        String reason = LogSafe.reason("550 5.1.1 <dana@acme.test>: unknown\nsee https://acme.test/invite/tok-123?x=1 " + "x".repeat(1000));

        assertThat(reason).contains("550 5.1.1 <*@acme.test>: unknown see <link>")
                .doesNotContain("dana").doesNotContain("tok-123").doesNotContain("\n")
                .hasSizeLessThanOrEqualTo(303);
    }

    @Test
    void outgoingMail_toString_showsNeitherBodiesNorSubjectNorMailbox() {
        OutgoingMail mail = new OutgoingMail(UUID.randomUUID(), UUID.randomUUID(), "invitation", "dana@acme.test",
                "secret subject", "text http://x/invite/tok-1", "<a href=\"http://x/invite/tok-1\">go</a>");

        assertThat(mail.toString()).contains(mail.requestId().toString(), "invitation", "*@acme.test")
                .doesNotContain("tok-1").doesNotContain("dana").doesNotContain("secret subject");
    }
}
