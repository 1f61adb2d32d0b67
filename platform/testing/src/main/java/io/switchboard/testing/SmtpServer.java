package io.switchboard.testing;

import java.time.Instant;
import java.util.List;

/** A real SMTP server that keeps every mail it receives readable, over Java and over HTTP. */
public interface SmtpServer extends AutoCloseable {

    String host();

    int smtpPort();

    /** Web view of the mailbox: {@code /} (HTML), {@code /api/messages?to=}, {@code POST /api/purge}. */
    String webUrl();

    List<ReceivedMail> messages();

    default List<ReceivedMail> messagesTo(String email) {
        return messages().stream().filter(m -> m.to().stream().anyMatch(email::equalsIgnoreCase)).toList();
    }

    void purge();

    @Override
    void close();

    record ReceivedMail(String from, List<String> to, String subject, String body, Instant receivedAt) {
    }
}
