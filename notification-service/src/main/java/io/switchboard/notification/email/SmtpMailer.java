package io.switchboard.notification.email;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one class that touches JavaMail (ArchitectureTest keeps it so). Sending blocks on the SMTP socket, so it
 * runs on boundedElastic; connection, read and write timeouts come from {@code spring.mail.properties}.
 * Every failure leaves here as a {@link MailNotSent} with a log-safe reason.
 */
@Component
class SmtpMailer {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final JavaMailSender sender;
    private final InternetAddress from;

    SmtpMailer(JavaMailSender sender, MailDeliveryProperties properties) {
        this.sender = sender;
        try {
            this.from = new InternetAddress(properties.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("switchboard.mail.from is not an address: " + properties.from(), e);
        }
    }

    /** Completes when the SMTP server has accepted the mail; fails with {@link MailNotSent}. */
    Mono<Void> send(OutgoingMail mail) {
        return Mono.fromCallable(() -> {
                    sender.send(compose(mail));
                    return mail;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(failure -> !(failure instanceof MailNotSent), SmtpMailer::notSent)
                .then();
    }

    /**
     * From, To, Subject, a Message-ID derived from the request id (a copy resent after a crash carries the same
     * id, which lets mail clients fold it into the first), {@code Auto-Submitted} (RFC 3834: no auto-replies),
     * and the text and HTML bodies as multipart/alternative (or the one body there is).
     */
    MimeMessage compose(OutgoingMail mail) {
        InternetAddress to;
        try {
            to = new InternetAddress(mail.to(), true);
        } catch (AddressException e) {
            throw new MailNotSent(true, "recipient is not a valid address (" + e.getMessage() + ")");
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(mail.subject(), UTF_8);
            message.setHeader("Message-ID", "<" + mail.requestId() + "@" + LogSafe.domainOf(from.getAddress()) + ">");
            message.setHeader("Auto-Submitted", "auto-generated");
            if (mail.textBody() != null && mail.htmlBody() != null) {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(mail.textBody(), UTF_8, "plain");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(mail.htmlBody(), UTF_8, "html");
                MimeMultipart alternative = new MimeMultipart("alternative");
                alternative.addBodyPart(text);   // least preferred first (RFC 2046 5.1.4)
                alternative.addBodyPart(html);
                message.setContent(alternative);
            } else if (mail.htmlBody() != null) {
                message.setText(mail.htmlBody(), UTF_8, "html");
            } else {
                message.setText(mail.textBody(), UTF_8, "plain");
            }
            return message;
        } catch (MessagingException e) {
            throw new MailNotSent(true, "message could not be built: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Permanent: a malformed message or address, or a recipient the server refused with 5xx. Anything else is retried. */
    private static MailNotSent notSent(Throwable failure) {
        boolean permanent = failure instanceof MailParseException || failure instanceof MailPreparationException;
        Throwable innermost = failure;
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof AddressException) {
                permanent = true;
            }
            // JavaMail lists a recipient the server refused for good (5xx) as invalid, a 4xx one as valid-unsent
            if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                    && refused.getInvalidAddresses().length > 0) {
                permanent = true;
            }
            innermost = cause;
        }
        String reason = failure == innermost
                ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage() + " (" + innermost.getClass().getSimpleName() + ": " + innermost.getMessage() + ")";
        return new MailNotSent(permanent, reason);
    }
}
