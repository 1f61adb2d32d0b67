package io.switchboard.identity.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FramingTest {

    @Test
    void lineBreaksAndControlCharacters_cannotStartTextThatLooksLikeOurs() {
        String forged = "Acme\r\n\r\nSwitchboard Security: your account is locked.\u202Eevil\u0000";
        String clean = Framing.clean(forged);
        assertThat(clean).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u202E").doesNotContain("\u0000");
        assertThat(Framing.quoted(forged)).startsWith("\u201CAcme Switchboard Security").endsWith("\u201D");
    }

    @Test
    void longNames_areShortened() {
        assertThat(Framing.clean("x".repeat(500))).hasSize(Framing.MAX_LENGTH);
    }

    @Test
    void html_isEscapedAsPlainText() {
        assertThat(Framing.quotedHtml("<a href=\"https://evil.test\">Reset password</a>"))
                .doesNotContain("<a ").contains("&lt;a href=&quot;https://evil.test&quot;&gt;");
    }
}
