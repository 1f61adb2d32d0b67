package io.switchboard.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import reactor.test.StepVerifier;

/** How a request becomes a MIME message, and how failures leave the adapter; no server involved. */
class SmtpMailerTest {

    private static final MailDeliveryProperties DEFAULTS = new MailDeliveryProperties(
            "Switchboard <no-reply@switchboard.local>", Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(60), 20, 50, Duration.ofDays(1));

    private final SmtpMailer mailer = new SmtpMailer(new JavaMailSenderImpl(), DEFAULTS);

    @Test
    void bothBodies_becomeMultipartAlternative_plainTextFirst() throws Exception {
        OutgoingMail mail = mail("dana@acme.test", "Hello\nthere", "<p>Hello there</p>");

        MimeMessage message = mailer.compose(mail);
        message.saveChanges();

        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hello\nthere");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Hello there</p>");
    }

    @Test
    void headers_carryFromToSubject_aMessageIdOfTheRequest_andAutoSubmitted() throws Exception {
        OutgoingMail mail = mail("dana@acme.test", "text", null);

        MimeMessage message = mailer.compose(mail);

        assertThat(message.getFrom()).extracting(Object::toString).containsExactly("Switchboard <no-reply@switchboard.local>");
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly("dana@acme.test");
        assertThat(message.getSubject()).isEqualTo("Ünïcödé subject");
        assertThat(message.getMessageID()).isEqualTo("<" + mail.requestId() + "@switchboard.local>");
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(message.getContentType()).startsWith("text/plain");
    }

    @Test
    void onlyAnHtmlBody_isSentAsHtml() throws Exception {
        MimeMessage message = mailer.compose(mail("dana@acme.test", null, "<p>only html</p>"));
        message.saveChanges();

        assertThat(message.getContentType()).startsWith("text/html");
        assertThat(message.getContent()).isEqualTo("<p>only html</p>");
    }

    @Test
    void malformedRecipient_isAPermanentFailure_thatDoesNotQuoteTheAddress() {
        OutgoingMail mail = mail("no-at-sign-dana", "text", null);

        assertThatThrownBy(() -> mailer.compose(mail))
                .isInstanceOfSatisfying(MailNotSent.class, notSent -> assertThat(notSent.permanent()).isTrue())
                .message().doesNotContain("no-at-sign-dana");
    }

    @Test
    void unreachableServer_isATransientFailure() {
        JavaMailSenderImpl nowhere = new JavaMailSenderImpl();
        nowhere.setHost("127.0.0.1");
        nowhere.setPort(1); // nothing listens on port 1
        SmtpMailer unreachable = new SmtpMailer(nowhere, DEFAULTS);

        StepVerifier.create(unreachable.send(mail("dana@acme.test", "text", null)))
                .expectErrorSatisfies(failure -> assertThat(failure)
                        .isInstanceOfSatisfying(MailNotSent.class, notSent -> assertThat(notSent.permanent()).isFalse())
                        .message().containsIgnoringCase("connect"))
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void fromThatIsNotAnAddress_isRefusedAtStartup() {
        MailDeliveryProperties broken = new MailDeliveryProperties("Switchboard <no-reply@", Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(60), 20, 50, Duration.ofDays(1));

        assertThatThrownBy(() -> new SmtpMailer(new JavaMailSenderImpl(), broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("switchboard.mail.from");
    }

    private static OutgoingMail mail(String to, String text, String html) {
        return new OutgoingMail(UUID.randomUUID(), UUID.randomUUID(), "invitation", to, "Ünïcödé subject", text, html);
    }
}
