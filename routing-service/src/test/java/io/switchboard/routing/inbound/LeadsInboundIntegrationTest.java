package io.switchboard.routing.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.lead.LeadReceived;
import io.switchboard.messaging.RejectedRecordException;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * leads.inbound.v1 on the real broker and database: the golden lead.received sample as the channel integrations
 * send it is opened and assigned once however often it arrives; malformed or invalid records go to the
 * dead-letter topic with their reason and write nothing. Portal, members and profiles are set up as rows.
 */
@SpringBootTest(properties = {"spring.kafka.consumer.group-id=routing-leads-inbound-it", "switchboard.routing.safety-net-interval=1h"})
class LeadsInboundIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "routing_leads_inbound_it");
    }

    private static final Events EVENTS = Events.onSharedBroker();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired DatabaseClient db;

    private final UUID org = UUID.randomUUID();
    private final UUID portal = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();
    private final UUID agent = UUID.randomUUID();

    private void setUp() {
        sql("insert into portals (id, org_id, is_default, strategy) values ('" + portal + "', '" + org + "', true, 'ROUND_ROBIN')");
        sql("insert into clients (id, org_id, name, created_at) values ('" + client + "', '" + org + "', 'Acme', now())");
        sql("insert into org_members (org_id, user_id, role, status) values ('" + org + "', '" + agent + "', 'AGENT', 'ACTIVE')");
        sql("insert into portal_members (portal_id, org_id, user_id, portal_role) values ('" + portal + "', '" + org + "', '" + agent + "', 'EMPLOYEE')");
        sql("insert into availability (portal_id, org_id, user_id, available) values ('" + portal + "', '" + org + "', '" + agent + "', true)");
        sql("insert into agent_channels (org_id, user_id, channel, allowed, capacity) values ('" + org + "', '" + agent + "', 'LEAD', true, 1)");
        sql("insert into profile_clients (org_id, user_id, client_id, channel) values ('" + org + "', '" + agent + "', '" + client + "', 'SMS')");
    }

    private void sql(String statement) {
        db.sql(statement).fetch().rowsUpdated().block();
    }

    private long count(String query) {
        return db.sql(query).map(row -> row.get(0, Long.class)).one().block();
    }

    /** The golden sample, with this test's organization, portal and client and its own event id and externalId. */
    private String golden(UUID eventId, String externalId) throws IOException {
        try (InputStream in = LeadReceived.class.getResourceAsStream("/events/golden/lead.received.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("5e3f9c74-2a41-4dad-9f7e-3c4d5e6f7b01", eventId.toString())
                    .replace("6f1c2b1e-8d4a-4c1e-9b7a-2f3d4e5a6b7c", org.toString())
                    .replace("7d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a", portal.toString())
                    .replace("9f4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b7c", client.toString())
                    .replace("webform:7731", externalId);
        }
    }

    private String status(String externalId) {
        return db.sql("select status from work_items where org_id = :org and kind = 'LEAD' and external_id = :ext").bind("org", org).bind("ext", externalId)
                .map(row -> row.get("status", String.class)).one().block();
    }

    @Test
    void theGoldenSample_isOpenedAndAssignedOnce_evenRedelivered_andTheNextWaits() throws IOException {
        setUp();
        String first = golden(UUID.randomUUID(), "webform:1");
        EVENTS.send(Topics.LEADS_INBOUND, org.toString(), first);
        EVENTS.send(Topics.LEADS_INBOUND, org.toString(), first);                        // a redelivery
        EVENTS.send(Topics.LEADS_INBOUND, org.toString(), golden(UUID.randomUUID(), "webform:1")); // the same lead reported again
        EVENTS.send(Topics.LEADS_INBOUND, org.toString(), golden(UUID.randomUUID(), "webform:2"));
        await().atMost(WAIT).until(() -> "QUEUED".equals(status("webform:2")));
        assertThat(status("webform:1")).isEqualTo("ASSIGNED");
        assertThat(count("select count(*) from work_items where org_id = '" + org + "' and external_id = 'webform:1'")).isEqualTo(1);
        assertThat(count("select count(*) from lead_contacts c join work_items w on w.id = c.work_id where w.org_id = '" + org
                + "' and c.contact_email = 'avery.chen@example.com' and c.company = 'Northwind Traders'")).isEqualTo(2);
        assertThat(count("select count(*) from outbox where event_key = '" + org + "' and event_type = 'routing.lead.assigned'")).isEqualTo(1);
        ConsumerRecord<String, String> assigned = EVENTS.await(Topics.ROUTING_ASSIGNMENTS, record -> record.key().equals(org.toString())
                && record.value().contains("\"type\":\"routing.lead.assigned\""), WAIT);
        assertThat(assigned.value()).contains("\"assigneeId\":\"" + agent + "\"").contains("\"source\":\"web-form\"").contains("\"statusId\":\"new\"")
                .contains("\"leadCapacity\":1").contains("\"openLeads\":1");
    }

    @Test
    void malformedOrInvalidLeads_goToTheDeadLetterTopic_withTheirReason_andWriteNothing() throws IOException {
        setUp();
        Events.Envelope strangerClient = EVENTS.publish(Events.envelope(EventCatalog.LEAD_RECEIVED, org,
                new LeadReceived(org, "bad-1", portal, null, UUID.randomUUID(), "web-form", "Ann", null, null, null, null, Instant.now())));
        Events.Envelope unknownPortal = EVENTS.publish(Events.envelope(EventCatalog.LEAD_RECEIVED, org,
                new LeadReceived(org, "bad-2", UUID.randomUUID(), null, client, "web-form", "Ann", null, null, null, null, Instant.now())));
        Events.Envelope noContact = EVENTS.publish(Events.envelope(EventCatalog.LEAD_RECEIVED, org,
                new LeadReceived(org, "bad-3", portal, null, client, "web-form", null, null, null, "Acme", null, Instant.now())));
        Events.Envelope oversize = EVENTS.publish(Events.envelope(EventCatalog.LEAD_RECEIVED, org,
                new LeadReceived(org, "bad-4", portal, null, client, "web-form", "Ann", null, null, null, "m".repeat(5000), Instant.now())));
        Events.Envelope noPortal = EVENTS.publish(Events.envelope(EventCatalog.LEAD_RECEIVED, org,
                new LeadReceived(org, "bad-5", null, null, client, "web-form", "Ann", null, null, null, null, Instant.now())));
        Events.Envelope impostor = EVENTS.publish(Events.envelope(EventCatalog.LEAD_RECEIVED, org,
                new LeadReceived(org, "bad-6", portal, null, client, "web-form", "Ann", null, null, null, null, Instant.now())).withSource("routing-service"));
        Events.Envelope unreadable = EVENTS.publish(Events.envelope(EventCatalog.LEAD_RECEIVED, org,
                new LeadReceived(org, "bad-7", portal, null, client, "web-form", "Ann", null, null, null, null, Instant.now())).withDataField("portalId", "not-a-uuid"));

        String dlt = Topics.deadLetter(Topics.LEADS_INBOUND);
        assertThat(reason(dlt, strangerClient)).contains("clientId");
        assertThat(reason(dlt, unknownPortal)).contains("portalId");
        assertThat(reason(dlt, noContact)).contains("contactName");
        assertThat(reason(dlt, oversize)).contains("message");
        assertThat(reason(dlt, noPortal)).contains("portalId");
        assertThat(reason(dlt, impostor)).contains("routing-service");
        assertThat(reason(dlt, unreadable)).isNotEmpty();
        assertThat(count("select count(*) from work_items where org_id = '" + org + "'")).isZero();
        assertThat(count("select count(*) from lead_contacts where org_id = '" + org + "'")).isZero();
    }

    private static String reason(String dlt, Events.Envelope sent) {
        ConsumerRecord<String, String> parked = EVENTS.await(dlt, Events.withEventId(sent.id()), WAIT);
        return Events.header(parked, RejectedRecordException.HEADER).orElse("");
    }
}
