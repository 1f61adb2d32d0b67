package io.switchboard.routing.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.conversation.ConversationOpened;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.events.portal.PortalCreated;
import io.switchboard.events.portal.PortalMemberAdded;
import io.switchboard.events.routing.RoutingSetup;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9, "Add user" in one step: org.member.joined carrying the invitation's routing setup gives the member
 * their profile (only the organization's clients) at once, and their teams once portal.member.added says they
 * are in the team's portal; queued work they can take is then assigned. On the real broker and database.
 */
@SpringBootTest(properties = {"spring.kafka.consumer.group-id=routing-onboarding-it", "switchboard.routing.safety-net-interval=1h"})
class OnboardingIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "routing_onboarding_it");
    }

    private static final Events EVENTS = Events.onSharedBroker();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired DatabaseClient db;

    private final UUID org = UUID.randomUUID();
    private final UUID portal = UUID.randomUUID();
    private final UUID client = UUID.randomUUID();
    private final UUID team = UUID.randomUUID();

    private void organization() {
        EVENTS.publish(EventCatalog.PORTAL_CREATED, org, new PortalCreated(org, portal, "Sales Portal", null, null, true));
        await().atMost(WAIT).until(() -> count("select count(*) from portals where id = '" + portal + "'") == 1);
        sql("insert into clients (id, org_id, name, created_at) values ('" + client + "', '" + org + "', 'Acme', now())");
        sql("insert into teams (id, org_id, portal_id, name, strategy, created_at) values ('" + team + "', '" + org + "', '" + portal
                + "', 'Tier 1', 'ROUND_ROBIN', now())");
    }

    @Test
    void aJoinWithRouting_setsTheProfile_andAfterThePortalJoin_theTeam_andQueuedWorkIsAssigned() {
        organization();
        UUID elsewhere = UUID.randomUUID();
        UUID otherOrgsClient = UUID.randomUUID();
        UUID otherOrgsTeam = UUID.randomUUID();
        sql("insert into clients (id, org_id, name, created_at) values ('" + otherOrgsClient + "', '" + elsewhere + "', 'Theirs', now())");
        sql("insert into teams (id, org_id, portal_id, name, strategy, created_at) values ('" + otherOrgsTeam + "', '" + elsewhere + "', '"
                + UUID.randomUUID() + "', 'Theirs', 'ROUND_ROBIN', now())");
        UUID otherPortal = UUID.randomUUID();
        UUID otherPortalsTeam = UUID.randomUUID();
        sql("insert into portals (id, org_id, is_default) values ('" + otherPortal + "', '" + org + "', false)");
        sql("insert into teams (id, org_id, portal_id, name, strategy, created_at) values ('" + otherPortalsTeam + "', '" + org + "', '"
                + otherPortal + "', 'Support', 'ROUND_ROBIN', now())");
        // queued first: nobody can take a Tier 1 SMS of Acme yet
        EVENTS.publish(EventCatalog.CONVERSATION_OPENED, org, new ConversationOpened(org, "onb-1", portal, team, client, "SMS",
                "Ann", "Hello", Instant.now()));
        await().atMost(WAIT).until(() -> "QUEUED".equals(status("onb-1")));

        UUID dana = UUID.randomUUID();
        RoutingSetup routing = new RoutingSetup(Map.of("SMS", 2, "EMAIL", 1),
                Map.of(client, List.of("SMS"), otherOrgsClient, List.of("SMS"), UUID.randomUUID(), List.of("EMAIL")),
                List.of(team, otherOrgsTeam, otherPortalsTeam, UUID.randomUUID()));
        EVENTS.publish(Events.envelope(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, dana, "AGENT", "Dana Agent", "dana@acme.test",
                List.of(portal), null, routing)).withActor(dana.toString()));
        await().atMost(WAIT).until(() -> count("select count(*) from org_members where org_id = '" + org + "' and user_id = '" + dana + "'") == 1);

        assertThat(count("select count(*) from agent_channels where org_id = '" + org + "' and user_id = '" + dana
                + "' and allowed and ((channel = 'SMS' and capacity = 2) or (channel = 'EMAIL' and capacity = 1))")).isEqualTo(2);
        assertThat(db.sql("select client_id from profile_clients where org_id = :org and user_id = :user").bind("org", org).bind("user", dana)
                .map(row -> row.get("client_id", UUID.class)).all().collectList().block())
                .as("only the organization's clients").containsExactly(client);
        assertThat(pending(dana)).as("waits for the portal; a team of a portal they do not join is skipped").containsExactly(team);
        assertThat(count("select count(*) from team_members where user_id = '" + dana + "'")).isZero();
        JsonNode updated = data(event(Topics.ROUTING_ASSIGNMENTS, EventCatalog.ROUTING_PROFILE_UPDATED.name(), dana));
        assertThat(updated.path("capacities").path("SMS").asInt()).isEqualTo(2);
        assertThat(updated.path("clients").propertyNames()).containsExactly(client.toString());
        assertThat(data(event(Topics.ROUTING_AUDIT, EventCatalog.ROUTING_AUDIT_RECORDED.name(), dana)).path("action").asString())
                .isEqualTo("routing.profile.updated");
        assertThat(status("onb-1")).isEqualTo("QUEUED");

        EVENTS.publish(EventCatalog.AVAILABILITY_CHANGED, org, new AvailabilityChanged(org, portal, dana, true, null, dana, Instant.now(), "JOINED"));
        EVENTS.publish(EventCatalog.PORTAL_MEMBER_ADDED, org, new PortalMemberAdded(org, portal, dana, "EMPLOYEE"));

        await().atMost(WAIT).until(() -> dana.equals(assignee("onb-1")));
        assertThat(count("select count(*) from team_members where team_id = '" + team + "' and user_id = '" + dana + "'")).isEqualTo(1);
        assertThat(pending(dana)).isEmpty();
        assertThat(count("select count(*) from team_members where team_id = '" + otherOrgsTeam + "'")).as("another org's team").isZero();
    }

    @Test
    void aMemberAlreadyInThePortal_joinsTheTeamAtOnce() {
        organization();
        UUID erin = UUID.randomUUID();
        EVENTS.publish(EventCatalog.PORTAL_MEMBER_ADDED, org, new PortalMemberAdded(org, portal, erin, "EMPLOYEE"));
        await().atMost(WAIT).until(() -> count("select count(*) from portal_members where user_id = '" + erin + "'") == 1);
        EVENTS.publish(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, erin, "AGENT", "Erin", null, List.of(portal), null,
                new RoutingSetup(Map.of(), Map.of(), List.of(team))));
        await().atMost(WAIT).until(() -> count("select count(*) from team_members where team_id = '" + team + "' and user_id = '" + erin + "'") == 1);
        assertThat(pending(erin)).isEmpty();
        assertThat(count("select count(*) from agent_channels where user_id = '" + erin + "'")).as("no channels named: no profile").isZero();
    }

    @Test
    void aRemovedMember_losesTheirPendingTeams() {
        organization();
        UUID fay = UUID.randomUUID();
        EVENTS.publish(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, fay, "AGENT", "Fay", null, List.of(portal), null,
                new RoutingSetup(Map.of("SMS", 1), Map.of(), List.of(team))));
        await().atMost(WAIT).until(() -> pending(fay).size() == 1);
        EVENTS.publish(EventCatalog.MEMBER_REMOVED, org, new MemberRemoved(org, fay));
        await().atMost(WAIT).until(() -> pending(fay).isEmpty());
        EVENTS.publish(EventCatalog.PORTAL_MEMBER_ADDED, org, new PortalMemberAdded(org, portal, fay, "EMPLOYEE"));
        await().atMost(WAIT).until(() -> count("select count(*) from portal_members where user_id = '" + fay + "'") == 1);
        assertThat(count("select count(*) from team_members where user_id = '" + fay + "'")).isZero();
    }

    private List<UUID> pending(UUID user) {
        return db.sql("select team_id from pending_team_members where org_id = :org and user_id = :user").bind("org", org).bind("user", user)
                .map(row -> row.get("team_id", UUID.class)).all().collectList().block();
    }

    private String status(String externalId) {
        return db.sql("select status from work_items where org_id = :org and external_id = :ext").bind("org", org).bind("ext", externalId)
                .map(row -> row.get("status", String.class)).one().block();
    }

    private UUID assignee(String externalId) {
        return db.sql("select assignee_id from work_items where org_id = :org and external_id = :ext and assignee_id is not null").bind("org", org).bind("ext", externalId)
                .map(row -> row.get("assignee_id", UUID.class)).one().block();
    }

    private ConsumerRecord<String, String> event(String topic, String type, UUID user) {
        return EVENTS.await(topic, record -> record.key().equals(org.toString()) && record.value().contains("\"type\":\"" + type + "\"")
                && record.value().contains(user.toString()), WAIT);
    }

    private static JsonNode data(ConsumerRecord<String, String> record) {
        return JSON.readTree(record.value()).path("data");
    }

    private void sql(String statement) {
        db.sql(statement).fetch().rowsUpdated().block();
    }

    private long count(String query) {
        return db.sql(query).map(row -> row.get(0, Long.class)).one().block();
    }
}
