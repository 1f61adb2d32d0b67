package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.e2e.NotificationE2ETest.Desk;
import io.switchboard.e2e.Stack.Person;
import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.conversation.ConversationOpened;
import io.switchboard.testing.Events;
import io.switchboard.testing.push.PushDevice;
import io.switchboard.testing.push.ReceivedPush;
import io.switchboard.testing.push.TestPushService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13, done when 4: every service's {@code /actuator/prometheus} shows the figures operators watch, and one trace
 * id is followed from an inbound conversation event to the push it caused: the channel integration's
 * {@code traceparent} header on conversations.inbound.v1 → routing-service's assignment record (the outbox carried the
 * trace) → notification-service's push send, whose log line names that trace id. The push service gets no trace header.
 */
@UsesSharedStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityE2ETest {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Stack stack;
    static TestPushService push;
    static Desk desk;

    @BeforeAll
    static void start() {
        stack = Stack.shared();
        push = TestPushService.start();
        desk = Desk.create(stack, "trace");
    }

    @AfterAll
    static void stop() {
        if (desk != null) {
            desk.close();
        }
        if (push != null) {
            push.close();
        }
        if (stack != null) {
            stack.close(); // the shared stack stays up for the next class
        }
    }

    @Test
    @Order(1)
    void oneTraceId_followsAnInboundConversation_toItsAssignment_andToThePushItCaused() throws IOException {
        Desk.Agent tess = desk.newAgent("Tess");
        Person session = tess.signIn();
        PushDevice phone = push.newSubscription(desk.vapidPublicKey());
        desk.subscribe(session, phone, "tess-phone");

        String traceId = randomHex(16);
        String externalId = "twilio:traced-" + desk.suffix;
        try (Events events = Events.onSharedBroker()) {
            events.publish(Events.envelope(EventCatalog.CONVERSATION_OPENED, desk.org, new ConversationOpened(desk.org, externalId, desk.portal, null,
                            tess.client(), "SMS", "Jordan Rivera", "Where is my order?", Instant.now().truncatedTo(ChronoUnit.MILLIS))),
                    Map.of("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01"));

            // routing-service: the assignment it published carries the trace
            ConsumerRecord<String, String> assigned = events.await(Topics.ROUTING_ASSIGNMENTS, record -> record.key().equals(desk.org.toString())
                    && record.value().contains("\"type\":\"routing.conversation.assigned\"") && record.value().contains("\"externalId\":\"" + externalId + "\""),
                    PATIENCE);
            assertThat(assigned.value()).contains("\"assigneeId\":\"" + tess.id() + "\"");
            assertThat(Events.header(assigned, "traceparent")).as("the assignment's trace context")
                    .hasValueSatisfying(traceparent -> assertThat(traceparent.split("-")[1]).isEqualTo(traceId));
        }

        // notification-service: the push reaches the phone, without trace headers, and its send ran in the trace
        ReceivedPush received = phone.awaitPush(p -> p.json().path("body").asString().endsWith(externalId), PATIENCE);
        assertThat(received.traceHeaders()).as("no trace context goes to a third-party push service").isEmpty();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(logLines("notification-service"))
                .as("notification-service's log line of the push it sent, with the trace id")
                .anySatisfy(line -> assertThat(line).contains(" push ").contains("sent after").contains(traceId)));
    }

    /** After the push above: notification-service has counted a push attempt by then. */
    @Test
    @Order(2)
    void everyServicesPrometheusScrape_showsTheFiguresOperatorsWatch() {
        List<String> http = List.of("http_server_requests_seconds_count", "jvm_memory_used_bytes");
        List<String> outbox = List.of("switchboard_outbox_backlog_rows", "switchboard_outbox_oldest_age_seconds",
                "kafka_consumer_fetch_manager_records_lag_max");
        Map<String, List<String>> figures = Map.of(
                "gateway", http,
                "identity-service", concat(http, outbox),
                "org-service", concat(http, outbox),
                "portal-service", concat(http, outbox),
                "routing-service", concat(http, outbox, List.of("switchboard_routing_queue_length{", "channel=\"SMS\"",
                        "switchboard_routing_queue_oldest_wait_seconds{")),
                "notification-service", concat(http, outbox, List.of("switchboard_push_attempts_total{")));
        figures.forEach((module, names) -> await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url(module) + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).as(module + ": /actuator/prometheus without a token, from this host").isEqualTo(200);
            assertThat(scrape.body()).as(module).contains(names);
        }));
    }

    private static List<String> logLines(String module) {
        try {
            return Files.readAllLines(stack.logFile(module)).stream().map(line -> line.toLowerCase(Locale.ROOT)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
