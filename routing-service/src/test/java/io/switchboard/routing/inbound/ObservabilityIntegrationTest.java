package io.switchboard.routing.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.conversation.ConversationOpened;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.events.portal.PortalCreated;
import io.switchboard.events.portal.PortalMemberAdded;
import io.switchboard.messaging.Traces;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * routing-service's /actuator/prometheus (the routing queue, the outbox, Kafka consumer lag, HTTP) and the trace
 * context from an inbound conversation's {@code traceparent} header to the assignment it causes, on the real broker
 * and database, with the service on a real port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.consumer.group-id=routing-observability-it", "switchboard.routing.safety-net-interval=1h",
        "switchboard.routing.queue-metrics-refresh=200ms", "switchboard.messaging.metrics-refresh=200ms"})
class ObservabilityIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "routing_observability_it");
    }

    private static final Events EVENTS = Events.onSharedBroker();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort int port;
    @Autowired DatabaseClient db;

    @Test
    void queuedWork_showsInTheQueueGauges_besideTheOutboxKafkaAndHttpFigures() throws Exception {
        UUID org = UUID.randomUUID();
        UUID portal = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        EVENTS.publish(EventCatalog.PORTAL_CREATED, org, new PortalCreated(org, portal, "Sales Portal", null, null, true));
        sql("insert into clients (id, org_id, name, created_at) values ('" + client + "', '" + org + "', 'Acme', now())");
        await().atMost(WAIT).until(() -> count("select count(*) from portals where id = '" + portal + "'") == 1);
        // nobody can take it: it waits in the SMS queue
        EVENTS.publish(EventCatalog.CONVERSATION_OPENED, org, new ConversationOpened(org, "q-1", portal, null, client, "SMS",
                "Ann", "Hello?", Instant.now()));
        await().atMost(WAIT).until(() -> "QUEUED".equals(status(org, "q-1")));

        await().atMost(WAIT).untilAsserted(() -> {
            String scrape = scrape();
            assertThat(value(scrape, "switchboard_routing_queue_length", "channel=\"SMS\"").orElse(-1)).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "switchboard_routing_queue_oldest_wait_seconds", "channel=\"SMS\"").orElse(-1)).isPositive();
            assertThat(value(scrape, "switchboard_routing_queue_length", "channel=\"WHATSAPP\"")).as("a channel with nothing queued").hasValue(0.0);
            assertThat(value(scrape, "switchboard_outbox_backlog_rows", "")).as("outbox backlog").isPresent();
            assertThat(value(scrape, "switchboard_outbox_oldest_age_seconds", "")).as("outbox age").isPresent();
            // Kafka consumer lag of the listeners' consumers (Boot binds the client metrics; the per-partition
            // kafka_consumer_fetch_manager_records_lag{topic,partition} follows at the metrics' next refresh, within a minute)
            assertThat(value(scrape, "kafka_consumer_fetch_manager_records_lag_max", "client_id=\"consumer-routing-observability-it")).as("consumer lag").isPresent();
            assertThat(value(scrape, "http_server_requests_seconds_count", "uri=\"/actuator/prometheus\"")).as("http").isPresent();
        });
        assertThat(scrape()).as("no per-organization series").doesNotContain(org.toString());
    }

    @Test
    void anInboundConversationsTraceparent_isCarriedToTheAssignmentItCauses() {
        UUID org = UUID.randomUUID();
        UUID portal = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        EVENTS.publish(EventCatalog.PORTAL_CREATED, org, new PortalCreated(org, portal, "Sales Portal", null, null, true));
        sql("insert into clients (id, org_id, name, created_at) values ('" + client + "', '" + org + "', 'Acme', now())");
        UUID agent = availableAgent(org, portal, client);

        String traceId = randomHex(16);
        String parentSpan = randomHex(8);
        EVENTS.publish(Events.envelope(EventCatalog.CONVERSATION_OPENED, org, new ConversationOpened(org, "t-1", portal, null, client, "SMS",
                "Ann", "Hello?", Instant.now())), Map.of(Traces.TRACEPARENT, "00-" + traceId + "-" + parentSpan + "-01"));

        ConsumerRecord<String, String> assigned = EVENTS.await(Topics.ROUTING_ASSIGNMENTS, record -> record.key().equals(org.toString())
                && record.value().contains("\"type\":\"routing.conversation.assigned\"") && record.value().contains("\"externalId\":\"t-1\""), WAIT);
        assertThat(assigned.value()).contains("\"assigneeId\":\"" + agent + "\"");
        String traceparent = Events.header(assigned, Traces.TRACEPARENT).orElseThrow(() -> new AssertionError("the assignment has no traceparent header"));
        String[] parts = traceparent.split("-");
        assertThat(parts).as(traceparent).hasSize(4);
        assertThat(parts[1]).as("the same trace").isEqualTo(traceId);
        assertThat(parts[2]).as("routing's own span, a child of the sender's").isNotEqualTo(parentSpan).matches("[0-9a-f]{16}");

        // a conversation that came without one starts a trace of its own
        EVENTS.publish(EventCatalog.CONVERSATION_OPENED, org, new ConversationOpened(org, "t-2", portal, null, client, "SMS", "Bo", "Hi", Instant.now()));
        ConsumerRecord<String, String> second = EVENTS.await(Topics.ROUTING_ASSIGNMENTS, record -> record.key().equals(org.toString())
                && record.value().contains("\"type\":\"routing.conversation.assigned\"") && record.value().contains("\"externalId\":\"t-2\""), WAIT);
        assertThat(Events.header(second, Traces.TRACEPARENT)).hasValueSatisfying(other -> assertThat(other.split("-")[1])
                .matches("[0-9a-f]{32}").isNotEqualTo(traceId));
    }

    private UUID availableAgent(UUID org, UUID portal, UUID client) {
        UUID user = UUID.randomUUID();
        sql("insert into agent_channels (org_id, user_id, channel, allowed, capacity) values ('" + org + "', '" + user + "', 'SMS', true, 5)");
        sql("insert into profile_clients (org_id, user_id, client_id, channel) values ('" + org + "', '" + user + "', '" + client + "', 'SMS')");
        EVENTS.publish(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, user, "AGENT", "Agent", "a@x.test", List.of(), null));
        EVENTS.publish(EventCatalog.PORTAL_MEMBER_ADDED, org, new PortalMemberAdded(org, portal, user, "EMPLOYEE"));
        EVENTS.publish(EventCatalog.AVAILABILITY_CHANGED, org, new AvailabilityChanged(org, portal, user, true, null, user, Instant.now(), "JOINED"));
        await().atMost(WAIT).until(() -> count("select count(*) from availability a join portal_members pm using (portal_id, user_id) "
                + "join org_members om on om.user_id = a.user_id where a.available and a.user_id = '" + user + "'") == 1);
        return user;
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("no token needed").isEqualTo(200);
        return response.body();
    }

    /** The value of the first sample of {@code metric} whose labels contain {@code label} (any sample when empty). */
    static OptionalDouble value(String scrape, String metric, String label) {
        Matcher sample = Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        while (sample.find()) {
            String labels = sample.group(1) == null ? "" : sample.group(1);
            if (labels.contains(label)) {
                return OptionalDouble.of(Double.parseDouble(sample.group(2)));
            }
        }
        return OptionalDouble.empty();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private String status(UUID org, String externalId) {
        return db.sql("select status from work_items where org_id = :org and external_id = :ext").bind("org", org).bind("ext", externalId)
                .map(row -> row.get("status", String.class)).one().block();
    }

    private void sql(String statement) {
        db.sql(statement).fetch().rowsUpdated().block();
    }

    private long count(String query) {
        return db.sql(query).map(row -> row.get(0, Long.class)).one().block();
    }
}
