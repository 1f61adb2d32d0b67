package io.switchboard.notification.email;

import static io.switchboard.notification.email.EmailRequests.anInvitation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.Topics;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.SmtpServer.ReceivedMail;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The email pipeline end to end against the real servers: requests published to the real Kafka topic, rows in
 * the real PostgreSQL, mail received by the real (GreenMail) SMTP server. The service reaches SMTP through an
 * {@link SmtpGate} so that a test can take SMTP away and bring it back.
 */
@SpringBootTest
@DirtiesContext // its listener and delivery loop must not outlive the class (the topic and SMTP server are shared)
@ExtendWith(OutputCaptureExtension.class)
class EmailDeliveryTest {

    private static final String GROUP = "notification-service-mail-test-" + UUID.randomUUID();
    private static SmtpGate gate;
    private static KafkaProducer<String, String> producer;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "notification_service_mail");
        registry.add("spring.kafka.consumer.group-id", () -> GROUP);
        registry.add("spring.mail.host", () -> gate().host());
        registry.add("spring.mail.port", () -> gate().port());
    }

    private static synchronized SmtpGate gate() {
        if (gate == null) {
            gate = SmtpGate.to(RealServers.smtp().host(), RealServers.smtp().smtpPort());
        }
        return gate;
    }

    @Autowired DatabaseClient db;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    @AfterEach
    void smtpBack() {
        gate().open();
    }

    @Test
    void requestedMail_arrivesOnce_withSubjectTextAndHtml_fromTheConfiguredSender() throws Exception {
        EmailRequests request = anInvitation();

        publish(request, request.envelope());

        ReceivedMail mail = awaitOneMailTo(request.to(), Duration.ofSeconds(30));
        assertThat(mail.subject()).isEqualTo(request.subject());
        assertThat(mail.from()).isEqualTo("Switchboard <no-reply@switchboard.local>");
        MimeMultipart alternative = new MimeMultipart(new ByteArrayDataSource(mail.body(), "multipart/alternative"));
        assertThat(alternative.getCount()).isEqualTo(2);
        assertThat(part(alternative, 0).getContentType()).startsWith("text/plain");
        assertThat(content(part(alternative, 0))).isEqualTo(request.textBody());
        assertThat(part(alternative, 1).getContentType()).startsWith("text/html");
        assertThat(content(part(alternative, 1))).isEqualTo(request.htmlBody());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(row(request.requestId())).containsEntry("status", "SENT").containsEntry("attempts", 1));
        Map<String, Object> row = row(request.requestId());
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(row.get("kind")).isEqualTo("invitation");
        assertThat(row.get("recipient")).isEqualTo(request.to());
        assertThat(row.get("text_body")).as("a sent mail's body (its link holds a token) is not kept").isNull();
        assertThat(row.get("html_body")).isNull();
        assertThat(RealServers.smtp().messagesTo(request.to())).hasSize(1);
    }

    @Test
    void sameEventThreeTimes_andAnotherEventWithTheSameRequestId_sendOneMail() {
        EmailRequests request = anInvitation();
        UUID eventId = UUID.randomUUID();
        String envelope = request.envelope(eventId);
        UUID secondEventId = UUID.randomUUID();

        publish(request, envelope);
        publish(request, envelope);
        publish(request, envelope);
        publish(request, request.subject("a second request for the same mail").envelope(secondEventId));
        // a later request of the same org travels on the same partition: once it is mailed, the four before it
        // have been consumed, and a row of theirs would have been due (and sent) before it
        EmailRequests marker = anInvitation().orgIdOf(request);
        publish(marker, marker.envelope());

        awaitOneMailTo(marker.to(), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(marker.requestId()).equals("SENT"));
        List<ReceivedMail> mails = RealServers.smtp().messagesTo(request.to());
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().subject()).isEqualTo(request.subject());
        assertThat(count("select count(*) from email_deliveries where request_id = '" + request.requestId() + "'")).isEqualTo(1);
        assertThat(count("select count(*) from inbox where consumer = 'notification-service.email-requests' and event_id in ('"
                + eventId + "', '" + secondEventId + "')"))
                .as("both envelopes were consumed; the second was dropped by request id, not lost").isEqualTo(2);
        assertThat(row(request.requestId())).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void smtpDownFor30sWhileFiveRequestsArrive_eachIsDeliveredExactlyOnceAfterItReturns() throws Exception {
        List<EmailRequests> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(anInvitation());
        }
        long pausedAt = System.nanoTime();
        gate().shut();

        requests.forEach(request -> publish(request, request.envelope()));
        // every one is tried, and fails, while SMTP is away (for at least 30 s, as in the invitations issue)
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.stream()
                .allMatch(request -> status(request.requestId()).equals("PENDING") && attempts(request.requestId()) >= 1));
        Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis() - Duration.ofNanos(System.nanoTime() - pausedAt).toMillis()));
        requests.forEach(request -> assertThat(RealServers.smtp().messagesTo(request.to())).isEmpty());

        gate().open();

        await().atMost(Duration.ofSeconds(60)).until(() -> requests.stream()
                .allMatch(request -> status(request.requestId()).equals("SENT")));
        for (EmailRequests request : requests) {
            assertThat(RealServers.smtp().messagesTo(request.to())).as("mails to %s", request.to()).hasSize(1);
            assertThat(attempts(request.requestId())).as("attempts of %s", request.requestId()).isGreaterThan(1);
        }
    }

    @Test
    void logs_neverShowBodiesLinksOrMailboxNames_onSuccessRetryOrFailure(CapturedOutput output) {
        String secret = "SECRET-" + UUID.randomUUID();
        EmailRequests retried = anInvitation().withSecretInLink(secret);
        EmailRequests malformed = anInvitation().withSecretInLink(secret).to("no-at-sign-" + UUID.randomUUID());
        gate().shut();

        publish(retried, retried.envelope());
        publish(malformed, malformed.envelope());
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts(retried.requestId()) >= 2);
        gate().open();
        awaitOneMailTo(retried.to(), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(retried.requestId()).equals("SENT"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(malformed.requestId()).equals("FAILED"));

        assertThat(RealServers.smtp().messagesTo(retried.to()).getFirst().body()).as("the marker did travel in the mail").contains(secret);
        String logs = output.getAll();
        assertThat(logs).as("the log lines of these deliveries were captured")
                .contains(retried.requestId() + " (invitation) to @acme.test queued")
                .contains(retried.requestId() + " (invitation) to @acme.test not sent (attempt 1")
                .contains(retried.requestId() + " (invitation) to @acme.test sent after")
                .contains(malformed.requestId() + " (invitation) to @(no domain) FAILED after 1 attempt(s)");
        assertThat(logs).doesNotContain(secret)
                .doesNotContain("localhost:8080/invite")
                .doesNotContain(localPart(retried.to()))
                .doesNotContain(malformed.to());
    }

    @Test
    void failedDelivery_keepsNoTokenAtRest_isMarkedFailedAfterTheLastAttempt_withAWarning(CapturedOutput output) {
        UUID requestId = UUID.randomUUID();
        String secret = "SECRET-" + UUID.randomUUID();
        gate().shut();

        // a row that has already failed 19 times: the 20th attempt is its last
        db.sql("""
                        insert into email_deliveries (request_id, org_id, event_id, kind, recipient, subject, text_body, html_body, attempts)
                        values (:requestId, :orgId, :eventId, 'invitation', :to, 'Invitation', :text, null, 19)""")
                .bind("requestId", requestId)
                .bind("orgId", UUID.randomUUID())
                .bind("eventId", UUID.randomUUID())
                .bind("to", "given-up-" + UUID.randomUUID() + "@acme.test")
                .bind("text", "Accept: http://localhost:8080/invite/" + secret)
                .fetch().rowsUpdated().block();

        await().atMost(Duration.ofSeconds(10)).until(() -> status(requestId).equals("FAILED"));
        Map<String, Object> row = row(requestId);
        assertThat(row).containsEntry("attempts", 20);
        assertThat(row.get("failed_at")).isNotNull();
        assertThat((String) row.get("last_error")).containsIgnoringCase("connect");
        assertThat(row.get("text_body")).as("a failed mail's body (its link holds a token) is not kept").isNull();
        assertThat(row.get("html_body")).isNull();
        assertThat(row.get("recipient")).as("the log keeps who it was for").isNotNull();
        String givingUp = requestId + " (invitation) to @acme.test FAILED after 20 attempt(s), giving up";
        await().atMost(Duration.ofSeconds(15)).until(() -> output.getAll().contains(givingUp));
        assertThat(output.getAll().lines().filter(line -> line.contains(givingUp))).singleElement().asString().contains("WARN");
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void mailRequestsWithTokens_areKeptOnTheTopicAndItsDlt_forADayAtMost() throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()))) {
            for (String topic : List.of(Topics.NOTIFICATION_EMAIL_REQUESTS, Topics.deadLetter(Topics.NOTIFICATION_EMAIL_REQUESTS))) {
                var resource = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
                var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(Long.parseLong(config.get("retention.ms").value())).as(topic).isPositive().isLessThanOrEqualTo(Duration.ofDays(1).toMillis());
            }
        }
    }

    private void publish(EmailRequests request, String envelope) {
        try {
            producer.send(new ProducerRecord<>(Topics.NOTIFICATION_EMAIL_REQUESTS, request.orgId().toString(), envelope)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to Kafka", e);
        }
    }

    private static ReceivedMail awaitOneMailTo(String to, Duration atMost) {
        await().atMost(atMost).until(() -> !RealServers.smtp().messagesTo(to).isEmpty());
        List<ReceivedMail> mails = RealServers.smtp().messagesTo(to);
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }

    private Map<String, Object> row(UUID requestId) {
        return db.sql("select * from email_deliveries where request_id = :requestId")
                .bind("requestId", requestId)
                .fetch().one()
                .blockOptional(Duration.ofSeconds(5))
                .orElse(Map.of());
    }

    private String status(UUID requestId) {
        return (String) row(requestId).getOrDefault("status", "");
    }

    private int attempts(UUID requestId) {
        return (Integer) row(requestId).getOrDefault("attempts", 0);
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    }

    private static BodyPart part(MimeMultipart multipart, int index) throws Exception {
        return multipart.getBodyPart(index);
    }

    private static String content(BodyPart part) throws Exception {
        return ((String) part.getContent()).replace("\r\n", "\n");
    }

    private static String localPart(String address) {
        return address.substring(0, address.indexOf('@'));
    }
}
