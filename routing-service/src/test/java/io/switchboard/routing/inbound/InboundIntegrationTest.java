package io.switchboard.routing.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.conversation.ConversationEnded;
import io.switchboard.events.conversation.ConversationOpened;
import io.switchboard.events.conversation.CustomerReplied;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.events.portal.PortalArchived;
import io.switchboard.events.portal.PortalCreated;
import io.switchboard.events.portal.PortalMemberAdded;
import io.switchboard.messaging.RejectedRecordException;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * routing-service as its neighbours drive it, on the real broker and database: org-service's membership events,
 * portal-service's portal and availability events, and the channel integrations' conversations.inbound.v1.
 * Only routing profiles and clients are set up as rows (their API has its own tests).
 */
@SpringBootTest(properties = {"spring.kafka.consumer.group-id=routing-inbound-it", "switchboard.routing.safety-net-interval=1h"})
class InboundIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "routing_inbound_it");
    }

    private static final Events EVENTS = Events.onSharedBroker();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired DatabaseClient db;

    private final class Org {
        final UUID id = UUID.randomUUID();
        final UUID portal = UUID.randomUUID();
        final UUID client = UUID.randomUUID();

        Org() {
            EVENTS.publish(EventCatalog.PORTAL_CREATED, id, new PortalCreated(id, portal, "Sales Portal", null, null, true));
            sql("insert into clients (id, org_id, name, created_at) values ('" + client + "', '" + id + "', 'Acme', now())");
        }

        /** An AGENT who joined the org and the portal and is available, with SMS capacity {@code capacity} for the client. */
        UUID agent(int capacity) {
            UUID user = UUID.randomUUID();
            sql("insert into agent_channels (org_id, user_id, channel, allowed, capacity) values ('" + id + "', '" + user + "', 'SMS', true, " + capacity + ")");
            sql("insert into profile_clients (org_id, user_id, client_id, channel) values ('" + id + "', '" + user + "', '" + client + "', 'SMS')");
            EVENTS.publish(EventCatalog.MEMBER_JOINED, id, new MemberJoined(id, user, "AGENT", "Agent", "a@x.test", List.of(), null));
            EVENTS.publish(EventCatalog.PORTAL_MEMBER_ADDED, id, new PortalMemberAdded(id, portal, user, "EMPLOYEE"));
            EVENTS.publish(EventCatalog.AVAILABILITY_CHANGED, id, new AvailabilityChanged(id, portal, user, true, null, user, Instant.now(), "JOINED"));
            await().atMost(WAIT).until(() -> count("select count(*) from availability a join portal_members pm using (portal_id, user_id) "
                    + "join org_members om on om.user_id = a.user_id where a.available and a.user_id = '" + user + "'") == 1);
            return user;
        }

        Events.Envelope open(String externalId) {
            return EVENTS.publish(EventCatalog.CONVERSATION_OPENED, id, new ConversationOpened(id, externalId, portal, null, client, "SMS",
                    "Ann", "Where is my order?", Instant.now()));
        }

        String status(String externalId) {
            return db.sql("select status from work_items where org_id = :org and external_id = :ext").bind("org", id).bind("ext", externalId)
                    .map(row -> row.get("status", String.class)).one().block();
        }

        UUID assignee(String externalId) {
            return db.sql("select assignee_id from work_items where org_id = :org and external_id = :ext").bind("org", id).bind("ext", externalId)
                    .map(row -> row.get("assignee_id", UUID.class)).one().block();
        }
    }

    private void sql(String statement) {
        db.sql(statement).fetch().rowsUpdated().block();
    }

    private long count(String query) {
        return db.sql(query).map(row -> row.get(0, Long.class)).one().block();
    }

    private static ConsumerRecord<String, String> assignment(UUID org, String type, String externalId) {
        return EVENTS.await(Topics.ROUTING_ASSIGNMENTS, record -> record.key().equals(org.toString()) && record.value().contains("\"type\":\"" + type + "\"")
                && (externalId == null || record.value().contains("\"externalId\":\"" + externalId + "\"")), WAIT);
    }

    @Test
    void anOpenedConversation_isAssigned_repliesReachTheAssignee_andAClosingFreesTheCapacity() {
        Org org = new Org();
        UUID agent = org.agent(1);
        org.open("sms-1");
        ConsumerRecord<String, String> assigned = assignment(org.id, "routing.conversation.assigned", "sms-1");
        assertThat(assigned.value()).contains("\"assigneeId\":\"" + agent + "\"").contains("\"source\":\"routing-service\"");

        org.open("sms-2");
        assignment(org.id, "routing.conversation.queued", "sms-2");

        EVENTS.publish(EventCatalog.CONVERSATION_CUSTOMER_REPLIED, org.id, new CustomerReplied(org.id, "sms-1", "Still waiting", Instant.now()));
        assertThat(assignment(org.id, "routing.conversation.customer-replied", "sms-1").value()).contains("\"assigneeId\":\"" + agent + "\"");

        EVENTS.publish(EventCatalog.CONVERSATION_ENDED, org.id, new ConversationEnded(org.id, "sms-1", Instant.now()));
        await().atMost(WAIT).until(() -> "CLOSED".equals(org.status("sms-1")) && agent.equals(org.assignee("sms-2")));
    }

    @Test
    void theSameConversationOpenedTwice_orRedelivered_isOneConversation() {
        Org org = new Org();
        org.agent(5);
        Events.Envelope first = org.open("dup-1");
        EVENTS.publish(first);                       // the same record again (a redelivery)
        org.open("dup-1");                           // a second report of the same conversation
        org.open("dup-2");
        await().atMost(WAIT).until(() -> "ASSIGNED".equals(org.status("dup-2")));
        assertThat(count("select count(*) from work_items where org_id = '" + org.id + "' and external_id = 'dup-1'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox where event_key = '" + org.id + "' and event_type = 'routing.conversation.assigned'")).isEqualTo(2);
    }

    @Test
    void aRemovedAgentsConversations_goToSomeoneElse_andADeactivatedOnesToo() {
        Org org = new Org();
        UUID first = org.agent(2);
        org.open("r-1");
        await().atMost(WAIT).until(() -> first.equals(org.assignee("r-1")));
        UUID second = org.agent(2);

        EVENTS.publish(EventCatalog.MEMBER_REMOVED, org.id, new MemberRemoved(org.id, first));
        await().atMost(WAIT).until(() -> second.equals(org.assignee("r-1")));
        assertThat(assignment(org.id, "routing.conversation.rerouted", null).value()).contains("MEMBER_REMOVED").contains(first.toString());
        assertThat(count("select count(*) from agent_channels where user_id = '" + first + "'")).as("a removed member's profile goes").isZero();

        UUID third = org.agent(2);
        EVENTS.publish(EventCatalog.MEMBER_DEACTIVATED, org.id, new MemberDeactivated(org.id, second));
        await().atMost(WAIT).until(() -> third.equals(org.assignee("r-1")));
    }

    @Test
    void anArchivedPortalsOpenWork_movesToTheDefaultPortal() {
        Org org = new Org();
        UUID agent = org.agent(3);
        UUID other = UUID.randomUUID();
        EVENTS.publish(EventCatalog.PORTAL_CREATED, org.id, new PortalCreated(org.id, other, "Support", null, null, false));
        EVENTS.publish(EventCatalog.PORTAL_MEMBER_ADDED, org.id, new PortalMemberAdded(org.id, other, agent, "EMPLOYEE"));
        EVENTS.publish(EventCatalog.AVAILABILITY_CHANGED, org.id, new AvailabilityChanged(org.id, other, agent, true, null, agent, Instant.now(), "JOINED"));
        EVENTS.publish(EventCatalog.CONVERSATION_OPENED, org.id, new ConversationOpened(org.id, "a-1", other, null, org.client, "SMS", null, null, Instant.now()));
        await().atMost(WAIT).until(() -> "ASSIGNED".equals(org.status("a-1")));

        EVENTS.publish(EventCatalog.PORTAL_ARCHIVED, org.id, new PortalArchived(org.id, other, org.portal));
        await().atMost(WAIT).until(() -> count("select count(*) from work_items where external_id = 'a-1' and org_id = '" + org.id
                + "' and portal_id = '" + org.portal + "' and status = 'ASSIGNED'") == 1);
    }

    @Test
    void malformedOrUnbelievableInboundRecords_goToTheDeadLetterTopic_withTheirReason_andChangeNothing() {
        Org org = new Org();
        org.agent(1);
        Events.Envelope fax = EVENTS.publish(Events.envelope(EventCatalog.CONVERSATION_OPENED, org.id,
                new ConversationOpened(org.id, "bad-1", org.portal, null, org.client, "FAX", null, null, Instant.now())));
        Events.Envelope strangerClient = EVENTS.publish(Events.envelope(EventCatalog.CONVERSATION_OPENED, org.id,
                new ConversationOpened(org.id, "bad-2", org.portal, null, UUID.randomUUID(), "SMS", null, null, Instant.now())));
        Events.Envelope impostor = EVENTS.publish(Events.envelope(EventCatalog.CONVERSATION_OPENED, org.id,
                new ConversationOpened(org.id, "bad-3", org.portal, null, org.client, "SMS", null, null, Instant.now())).withSource("routing-service"));
        Events.Envelope unknownReply = EVENTS.publish(Events.envelope(EventCatalog.CONVERSATION_CUSTOMER_REPLIED, org.id,
                new CustomerReplied(org.id, "never-opened", "hi", Instant.now())));

        String dlt = Topics.deadLetter(Topics.CONVERSATIONS_INBOUND);
        assertThat(reason(dlt, fax)).contains("channel");
        assertThat(reason(dlt, strangerClient)).contains("clientId");
        assertThat(reason(dlt, impostor)).contains("routing-service");
        assertThat(reason(dlt, unknownReply)).contains("externalId");
        assertThat(count("select count(*) from work_items where org_id = '" + org.id + "'")).isZero();
    }

    private static String reason(String dlt, Events.Envelope sent) {
        ConsumerRecord<String, String> parked = EVENTS.await(dlt, Events.withEventId(sent.id()), WAIT);
        return Events.header(parked, RejectedRecordException.HEADER).orElse("");
    }
}
