package io.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventType;
import io.switchboard.events.Topics;
import io.switchboard.events.org.OrganizationUpdated;
import io.switchboard.events.routing.LeadAssigned;
import io.switchboard.events.routing.LeadQueued;
import io.switchboard.events.routing.LeadStatusChanged;
import io.switchboard.events.routing.LeadStatusesUpdated;
import io.switchboard.events.routing.ProfileUpdated;
import io.switchboard.events.routing.WorkAssigned;
import io.switchboard.events.routing.WorkClosed;
import io.switchboard.events.routing.WorkQueued;
import io.switchboard.events.routing.WorkUnassigned;
import io.switchboard.messaging.RejectedRecordException;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboards on the real broker and database: routing-service's events (published as routing-service's outbox
 * would, every one delivered twice in a row and the whole history once more at the end) give exact counts; a
 * rebuild from the start of the topic gives the same answers; an event from another source is not believed.
 */
class DashboardIntegrationTest extends PortalIntegrationTest {

    /** +14:00 all year: "today" there starts ten hours before UTC's. */
    private static final ZoneId ZONE = ZoneId.of("Pacific/Kiritimati");

    private final Person owner = person("owner");
    private final Person manager = person("manager");
    private final Person ana = person("ana");
    private final Person ben = person("ben");
    private final Person cara = person("cara");
    private final Person viewer = person("viewer");

    private UUID org;
    private UUID sales;
    private UUID support;
    private Instant now;
    private Instant todayStart;
    private final List<Events.Envelope> history = new ArrayList<>();

    @BeforeEach
    void organization() {
        waitIfMidnightIsClose();
        org = newOrg(owner);
        sales = defaultPortal(org);
        support = createPortal(org, owner, "Support");
        join(org, manager, "MANAGER");
        join(org, ana, "AGENT", sales, support);
        join(org, ben, "AGENT");
        join(org, cara, "AGENT", support);
        join(org, viewer, "VIEWER");
        await().atMost(Duration.ofSeconds(20)).until(() -> portalRole(sales, ben.id()) != null && portalRole(support, cara.id()) != null
                && portalRole(sales, ana.id()) != null && portalRole(sales, manager.id()) != null);
        EVENTS.publish(Events.envelope(EventCatalog.ORGANIZATION_UPDATED, org, new OrganizationUpdated(org, "Org", "FREE_TRIAL", 10, ZONE.getId())));
        await().atMost(Duration.ofSeconds(20)).until(() -> ZONE.getId().equals(db.sql("select timezone from org_timezones where org_id = :org")
                .bind("org", org).map(row -> row.get("timezone", String.class)).one().block()));
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        todayStart = LocalDate.now(ZONE).atStartOfDay(ZONE).toInstant();
    }

    @Test
    void everyEventDeliveredTwice_andTheHistoryAgain_countsOnce() {
        publishHistory();

        JsonNode anas = dashboard(ana, sales);
        assertThat(anas.get("timezone").asString()).isEqualTo(ZONE.getId());
        assertThat(Instant.parse(anas.at("/windows/today").asString())).isEqualTo(todayStart);
        assertThat(anas.get("team").isNull()).as("an EMPLOYEE sees only their own part").isTrue();
        JsonNode me = anas.get("me");
        assertThat(me.get("userId").asString()).isEqualTo(ana.id().toString());
        assertThat(loads(me.get("conversations"))).containsExactly("LIVE_CHAT:1/1/2", "SMS:1/2/3");
        assertThat(me.get("openLeads").asLong()).isEqualTo(1);
        assertThat(handled(me.get("handled"))).isEqualTo("conversations 1/1, leads 1/1");
        assertThat(statuses(me.get("leadsByStatus"))).containsExactly("new New OPEN 1", "contacted Contacted OPEN 0", "demo-booked Demo booked OPEN 0",
                "won Won WON 1", "lost Lost LOST 0");

        JsonNode managers = dashboard(manager, sales);
        JsonNode team = managers.get("team");
        assertThat(team.get("members")).extracting(m -> m.get("userId").asString())
                .containsExactlyInAnyOrder(ana.id().toString(), ben.id().toString(), manager.id().toString());
        JsonNode bens = member(team, ben);
        assertThat(bens.get("displayName").asString()).isEqualTo("Portal ben");
        assertThat(bens.get("available").asBoolean()).isTrue();
        assertThat(bens.get("availableSince").isNull()).isFalse();
        assertThat(loads(bens.get("conversations"))).containsExactly("SMS:1/1/1");
        assertThat(bens.get("openLeads").asLong()).isZero();
        assertThat(handled(bens.get("handled"))).as("closed just before local midnight: the last 7 days, not today")
                .isEqualTo("conversations 0/1, leads 0/1");
        assertThat(loads(member(team, ana).get("conversations"))).containsExactly("LIVE_CHAT:1/1/2", "SMS:1/2/3");
        assertThat(team.at("/queue/conversations/length").asLong()).isEqualTo(2);
        assertThat(Instant.parse(team.at("/queue/conversations/oldestQueuedAt").asString())).isEqualTo(now.minus(Duration.ofMinutes(5)));
        assertThat(team.at("/queue/conversations/oldestWaitSeconds").asLong()).isGreaterThanOrEqualTo(300);
        assertThat(team.at("/queue/leads/length").asLong()).isEqualTo(1);
        assertThat(Instant.parse(team.at("/queue/leads/oldestQueuedAt").asString())).isEqualTo(now.minus(Duration.ofMinutes(10)));

        assertThat(dashboard(viewer, sales).get("team").get("members")).as("a VIEWER reads the team").hasSize(3);
        assertThat(dashboard(owner, sales).get("team").isNull()).as("an OWNER reads the team without being a member").isFalse();

        JsonNode overview = body(get(owner, "/api/orgs/{org}/portals/overview", org).expectStatus().isOk());
        assertThat(overview.get("timezone").asString()).isEqualTo(ZONE.getId());
        JsonNode salesRow = overview.get("portals").get(0);
        assertThat(salesRow.get("portalId").asString()).isEqualTo(sales.toString());
        assertThat(counts(salesRow)).isEqualTo("members 3, available 3, conversations 3, leads 1, active 4, queued 2+1=3, won 1");
        JsonNode supportRow = overview.get("portals").get(1);
        assertThat(supportRow.get("portalId").asString()).isEqualTo(support.toString());
        assertThat(counts(supportRow)).isEqualTo("members 2, available 2, conversations 1, leads 0, active 1, queued 0+0=0, won 0");
        assertThat(body(get(viewer, "/api/orgs/{org}/portals/overview", org).expectStatus().isOk()).get("portals")).hasSize(2);
    }

    @Test
    void whoSeesWhat() {
        publishHistory();

        get(cara, "/api/orgs/{org}/portals/{portal}/dashboard", org, sales).expectStatus().isForbidden(); // an EMPLOYEE of another portal
        get(owner, "/api/orgs/{org}/portals/{portal}/dashboard", org, UUID.randomUUID()).expectStatus().isNotFound();
        UUID otherOrg = newOrg(person("other-owner"));
        get(owner, "/api/orgs/{org}/portals/{portal}/dashboard", otherOrg, sales).expectStatus().isNotFound(); // not a member there
        get(person("other-owner"), "/api/orgs/{org}/portals/{portal}/dashboard", otherOrg, sales).expectStatus().isNotFound(); // another org's portal
        get(ana, "/api/orgs/{org}/portals/overview", org).expectStatus().isForbidden();
        get(manager, "/api/orgs/{org}/portals/overview", org).expectStatus().isForbidden();
        JsonNode caras = dashboard(cara, support);
        assertThat(caras.get("team").isNull()).isTrue();
        assertThat(loads(dashboard(ana, support).at("/me/conversations"))).containsExactly("LIVE_CHAT:0/1/2", "SMS:1/2/3");
    }

    @Test
    void anEventFromAnotherSource_isNotBelieved_andGoesToTheDeadLetterTopic() {
        UUID forged = UUID.randomUUID();
        Events.Envelope fake = Events.envelope(EventCatalog.ROUTING_CONVERSATION_ASSIGNED, org, new WorkAssigned(org, "CONVERSATION", forged, "x", sales,
                null, null, "SMS", ana.id(), null, "AUTO", null, 1, 3, 0, now)).withSource(Topics.CHANNELS);
        EVENTS.publish(fake);

        ConsumerRecord<String, String> parked = EVENTS.await(Topics.deadLetter(Topics.ROUTING_ASSIGNMENTS), Events.withEventId(fake.id()), Duration.ofSeconds(30));
        assertThat(Events.header(parked, RejectedRecordException.HEADER)).hasValueSatisfying(reason -> assertThat(reason).contains("may not publish"));
        publishHistory(); // after it on the same partition: once these are in, the forged record was handled
        assertThat(count("select count(*) from dashboard_work where org_id = :org and work_id = '" + forged + "'", org)).isZero();
        assertThat(dashboard(ana, sales).at("/me/conversations")).hasSize(2);
    }

    @Test
    void rebuildFromTheStartOfTheTopic_givesTheSameAnswers() {
        publishHistory();
        Map<String, JsonNode> before = answers(web);
        // spoil the read model: only a re-read of the topic from its start can give the answers back
        db.sql("update dashboard_work set state = 'CLOSED', assignee_id = null, handled_by = null, closed_at = now() where org_id = :org")
                .bind("org", org).fetch().rowsUpdated().block();
        db.sql("delete from dashboard_capacities where org_id = :org").bind("org", org).fetch().rowsUpdated().block();
        assertThat(answers(web)).isNotEqualTo(before);

        Map<String, Object> resolved = new HashMap<>();
        RealServers.registerDatabaseAndKafka((name, value) -> resolved.put(name, value.get()), "portal_service_it");
        RealServers.registerKeycloak((name, value) -> resolved.put(name, value.get()));
        resolved.put("server.port", "0");
        resolved.put("switchboard.dashboard.consumer-group", "portal-service.dashboard.rebuilt-" + UUID.randomUUID());
        resolved.put("spring.kafka.consumer.group-id", "portal-service.rebuild-test-" + UUID.randomUUID());
        // as arguments: SpringApplicationBuilder.properties(..) are defaults, which application.yml would override
        String[] arguments = resolved.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext rebuilt = new SpringApplicationBuilder(PortalServiceApplication.class).run(arguments)) {
            WebTestClient other = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + rebuilt.getEnvironment().getProperty("local.server.port"))
                    .responseTimeout(Duration.ofSeconds(30)).build();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(answers(other)).isEqualTo(before));
        }
        assertThat(db.sql("select consumer from dashboard_projection").map(row -> row.get("consumer", String.class)).one().block())
                .startsWith("portal-service.dashboard.rebuilt-");
    }

    // --- the history -------------------------------------------------------------------------------------------

    private <T extends Record> void event(EventType<T> type, T data) {
        history.add(Events.envelope(type, org, data));
    }

    private void conversationAssigned(UUID work, UUID portal, String channel, Person to, Instant at) {
        event(EventCatalog.ROUTING_CONVERSATION_ASSIGNED, new WorkAssigned(org, "CONVERSATION", work, "ext:" + work, portal, null, null, channel,
                to.id(), null, "AUTO", null, 1, 3, 1000, at));
    }

    private void conversationQueued(UUID work, UUID portal, String channel, Instant at) {
        event(EventCatalog.ROUTING_CONVERSATION_QUEUED, new WorkQueued(org, "CONVERSATION", work, "ext:" + work, portal, null, null, channel, 1,
                "NO_ELIGIBLE_AGENT", at, at));
    }

    private void conversationClosed(UUID work, UUID portal, String channel, Person holder, Instant at) {
        event(EventCatalog.ROUTING_CONVERSATION_CLOSED, new WorkClosed(org, "CONVERSATION", work, "ext:" + work, portal, null, channel,
                holder == null ? null : holder.id(), null, at.minusSeconds(600), at));
    }

    private void leadAssigned(UUID work, Person to, Instant at) {
        event(EventCatalog.ROUTING_LEAD_ASSIGNED, new LeadAssigned(org, work, "lead:" + work, sales, null, null, "web", "new", to.id(), null, "AUTO",
                null, 1, null, at.minusSeconds(60), 60_000, at));
    }

    private void leadStatus(UUID work, Person holder, String from, String to, String outcome, Instant at) {
        event(EventCatalog.ROUTING_LEAD_STATUS_CHANGED, new LeadStatusChanged(org, work, sales, null, holder == null ? null : holder.id(), from, to,
                outcome, holder == null ? null : holder.id(), at.minusSeconds(3600), at));
    }

    /**
     * In Sales: ana holds c1 (SMS) and c2 (LIVE_CHAT), closed c3 today; ben closed c4 just before local midnight and c5
     * eight days ago, holds c8 (SMS, taken from ana by hand); c6 and c7 wait; c9 closed from the queue. In Support ana
     * holds c10 (SMS). Leads: ana won l1 today and holds l2 (new); ben lost l3 just before local midnight; l4 waits.
     */
    private void publishHistory() {
        history.clear();
        event(EventCatalog.ROUTING_LEAD_STATUSES_UPDATED, new LeadStatusesUpdated(org, List.of(new LeadStatusesUpdated.Status("new", "New", "OPEN"),
                new LeadStatusesUpdated.Status("contacted", "Contacted", "OPEN"), new LeadStatusesUpdated.Status("demo-booked", "Demo booked", "OPEN"),
                new LeadStatusesUpdated.Status("won", "Won", "WON"), new LeadStatusesUpdated.Status("lost", "Lost", "LOST")), List.of(), owner.id(), now));
        event(EventCatalog.ROUTING_PROFILE_UPDATED, new ProfileUpdated(org, ana.id(), List.of("SMS", "LIVE_CHAT"), Map.of("SMS", 3, "LIVE_CHAT", 2),
                Map.of(), owner.id(), now));
        event(EventCatalog.ROUTING_PROFILE_UPDATED, new ProfileUpdated(org, ben.id(), List.of("SMS"), Map.of("SMS", 5), Map.of(), owner.id(), now));
        event(EventCatalog.ROUTING_PROFILE_UPDATED, new ProfileUpdated(org, ben.id(), List.of("SMS"), Map.of("SMS", 1), Map.of(), owner.id(), now));
        UUID c1 = UUID.randomUUID();
        conversationQueued(c1, sales, "SMS", now.minusSeconds(120));
        conversationAssigned(c1, sales, "SMS", ana, now.minusSeconds(100));
        conversationAssigned(UUID.randomUUID(), sales, "LIVE_CHAT", ana, now.minusSeconds(90));
        UUID c3 = UUID.randomUUID();
        conversationAssigned(c3, sales, "SMS", ana, todayStart);
        conversationClosed(c3, sales, "SMS", ana, todayStart.plusSeconds(1));
        UUID c4 = UUID.randomUUID();
        conversationAssigned(c4, sales, "SMS", ben, todayStart.minus(Duration.ofHours(1)));
        conversationClosed(c4, sales, "SMS", ben, todayStart.minus(Duration.ofMinutes(1)));
        UUID c5 = UUID.randomUUID();
        conversationAssigned(c5, sales, "SMS", ben, todayStart.minus(Duration.ofDays(8)));
        conversationClosed(c5, sales, "SMS", ben, todayStart.minus(Duration.ofDays(8)).plusSeconds(60));
        conversationQueued(UUID.randomUUID(), sales, "SMS", now.minus(Duration.ofMinutes(5)));
        conversationQueued(UUID.randomUUID(), sales, "LIVE_CHAT", now.minus(Duration.ofMinutes(2)));
        UUID c8 = UUID.randomUUID();
        conversationAssigned(c8, sales, "SMS", ana, now.minusSeconds(80));
        event(EventCatalog.ROUTING_CONVERSATION_UNASSIGNED, new WorkUnassigned(org, "CONVERSATION", c8, sales, null, "SMS", ana.id(), "MANUAL",
                manager.id(), now.minusSeconds(70)));
        conversationAssigned(c8, sales, "SMS", ben, now.minusSeconds(70));
        UUID c9 = UUID.randomUUID();
        conversationQueued(c9, sales, "SMS", now.minusSeconds(60));
        conversationClosed(c9, sales, "SMS", null, now.minusSeconds(50));
        conversationAssigned(UUID.randomUUID(), support, "SMS", ana, now.minusSeconds(40));

        UUID l1 = UUID.randomUUID();
        event(EventCatalog.ROUTING_LEAD_QUEUED, new LeadQueued(org, l1, "lead:" + l1, sales, null, null, "web", "new", 1, "NO_ELIGIBLE_AGENT",
                now.minusSeconds(300), now.minusSeconds(300)));
        leadAssigned(l1, ana, now.minusSeconds(200));
        leadStatus(l1, ana, "new", "contacted", "OPEN", todayStart.plusSeconds(2));
        leadStatus(l1, ana, "contacted", "won", "WON", todayStart.plusSeconds(3));
        leadAssigned(UUID.randomUUID(), ana, now.minusSeconds(30));
        UUID l3 = UUID.randomUUID();
        leadAssigned(l3, ben, todayStart.minus(Duration.ofHours(2)));
        leadStatus(l3, ben, "new", "lost", "LOST", todayStart.minus(Duration.ofMinutes(1)));
        UUID l4 = UUID.randomUUID();
        event(EventCatalog.ROUTING_LEAD_QUEUED, new LeadQueued(org, l4, "lead:" + l4, sales, null, null, "web", "new", 1, "NO_ELIGIBLE_AGENT",
                now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(10))));

        for (Events.Envelope envelope : history) {
            EVENTS.publish(envelope);
            EVENTS.publish(envelope);
        }
        history.forEach(EVENTS::publish);
        // last on the org's partition: once it is applied, everything before it was
        UUID sentinel = UUID.randomUUID();
        EVENTS.publish(Events.envelope(EventCatalog.ROUTING_PROFILE_UPDATED, org, new ProfileUpdated(org, sentinel, List.of("SMS"), Map.of("SMS", 1),
                Map.of(), owner.id(), now)));
        await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from dashboard_capacities where org_id = :org and user_id = '"
                + sentinel + "'", org) == 1);
    }

    // --- reading ------------------------------------------------------------------------------------------------

    private JsonNode dashboard(Person as, UUID portal) {
        return body(get(as, "/api/orgs/{org}/portals/{portal}/dashboard", org, portal).expectStatus().isOk());
    }

    /** The dashboards of Sales and Support as an agent, a manager and the owner see them, and the overview; without the waits in seconds (they grow). */
    private Map<String, JsonNode> answers(WebTestClient client) {
        Map<String, JsonNode> answers = new HashMap<>();
        for (Person person : List.of(ana, manager, owner)) {
            for (UUID portal : person == manager ? List.of(sales) : List.of(sales, support)) {
                answers.put(person + "@" + portal, withoutWaits(read(client, person, "/api/orgs/" + org + "/portals/" + portal + "/dashboard")));
            }
        }
        answers.put("overview", read(client, owner, "/api/orgs/" + org + "/portals/overview"));
        return answers;
    }

    private static JsonNode read(WebTestClient client, Person as, String uri) {
        return body(client.get().uri(uri).header(HttpHeaders.AUTHORIZATION, as.bearer()).exchange().expectStatus().isOk());
    }

    private static JsonNode withoutWaits(JsonNode dashboard) {
        JsonNode queue = dashboard.path("team").path("queue");
        if (queue.isObject()) {
            ((ObjectNode) queue.get("conversations")).remove("oldestWaitSeconds");
            ((ObjectNode) queue.get("leads")).remove("oldestWaitSeconds");
        }
        return dashboard;
    }

    private static JsonNode member(JsonNode team, Person person) {
        for (JsonNode member : team.get("members")) {
            if (member.get("userId").asString().equals(person.id().toString())) {
                return member;
            }
        }
        throw new AssertionError(person + " is not in the team");
    }

    /** channel:active here/active everywhere/capacity. */
    private static List<String> loads(JsonNode conversations) {
        List<String> loads = new ArrayList<>();
        conversations.forEach(c -> loads.add(c.get("channel").asString() + ":" + c.get("active").asLong() + "/" + c.get("activeAllPortals").asLong()
                + "/" + (c.get("capacity").isNull() ? "-" : c.get("capacity").asInt())));
        return loads;
    }

    private static String handled(JsonNode handled) {
        return "conversations " + handled.get("conversationsToday").asLong() + "/" + handled.get("conversationsLast7Days").asLong()
                + ", leads " + handled.get("leadsToday").asLong() + "/" + handled.get("leadsLast7Days").asLong();
    }

    private static List<String> statuses(JsonNode leadsByStatus) {
        List<String> statuses = new ArrayList<>();
        leadsByStatus.forEach(s -> statuses.add(s.get("statusId").asString() + " " + s.get("name").asString() + " " + s.get("outcome").asString()
                + " " + s.get("count").asLong()));
        return statuses;
    }

    private static String counts(JsonNode row) {
        return "members " + row.get("members").asLong() + ", available " + row.get("availableNow").asLong()
                + ", conversations " + row.get("activeConversations").asLong() + ", leads " + row.get("openLeads").asLong()
                + ", active " + row.get("activeWork").asLong() + ", queued " + row.get("queuedConversations").asLong() + "+"
                + row.get("queuedLeads").asLong() + "=" + row.get("queueLength").asLong() + ", won " + row.get("leadsWonThisWeek").asLong();
    }

    /** The windows are computed when the test starts; a local midnight during the test would move "today". */
    private static void waitIfMidnightIsClose() {
        Instant next = LocalDate.now(ZONE).plusDays(1).atStartOfDay(ZONE).toInstant();
        Duration left = Duration.between(Instant.now(), next);
        if (left.compareTo(Duration.ofMinutes(3)) < 0) {
            try {
                Thread.sleep(left.toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
