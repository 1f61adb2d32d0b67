package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.e2e.Stack.Person;
import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.conversation.ConversationOpened;
import io.switchboard.events.lead.LeadReceived;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Routing through the gateway with real tokens, on the whole chain: invitations (identity-service) → memberships
 * (org-service) → portals and availability (portal-service) → clients, profiles, teams and conversations
 * (routing-service), conversations opened over HTTP and from conversations.inbound.v1. Who sees and changes which
 * conversation follows the portal access rule; the permission matrix of every routing endpoint is the table in
 * docs/permissions.md, which the test checks the doc holds.
 *
 * <p>The org: an OWNER, an ADMIN, a MANAGER of the portal "here" and one of "elsewhere", two AGENTs in "here"
 * (the ASSIGNEE, allowed SMS for client S and LIVE_CHAT for client M; the AGENT, SMS for client S only; SMS
 * capacity 1 each), a VIEWER; and a MANUAL team in "here" whose conversations and leads wait until someone assigns
 * them. Leads (issue 10) come from leads.inbound.v1 and over HTTP; the matrix also holds the lead and dashboard
 * endpoints.
 */
@UsesSharedStack
class RoutingE2ETest {

    enum Caller {
        OWNER, ADMIN, MANAGER_HERE, MANAGER_ELSEWHERE, ASSIGNEE, AGENT, VIEWER, OUTSIDER, NONE
    }

    static final String PASSWORD = "routing-pass-1";
    static final String OUTSIDER_EMAIL = "carol@globex.test";
    static final String OUTSIDER_PASSWORD = "carol-demo-pass";
    static final int OK = 200, CREATED = 201, NO_CONTENT = 204, BAD_REQUEST = 400, UNAUTHORIZED = 401, FORBIDDEN = 403, NOT_FOUND = 404, CONFLICT = 409;

    static Stack stack;
    static final Map<Caller, Person> people = new EnumMap<>(Caller.class);
    static String suffix;
    static UUID org;
    static UUID here;
    static UUID elsewhere;
    /** Client S: SMS for both agents (capacity 1 each). Client M: LIVE_CHAT for the ASSIGNEE alone (capacity 100). */
    static UUID clientS;
    static UUID clientM;
    static UUID manualTeam;
    static String hereStrategy;
    static UUID outsidersOrg;
    static UUID outsidersConversation;

    @BeforeAll
    static void start() {
        stack = Stack.shared();
        suffix = UUID.randomUUID().toString().substring(0, 8);
        for (Caller caller : Caller.values()) {
            if (caller != Caller.OUTSIDER && caller != Caller.NONE) {
                String email = "routing." + caller.name().toLowerCase().replace('_', '-') + "." + suffix + "@acme.test";
                RealServers.keycloak().createUser(email, PASSWORD, "Routing", caller.name());
                people.put(caller, Stack.signIn(email, PASSWORD));
            }
        }
        people.put(Caller.OUTSIDER, Stack.signIn(OUTSIDER_EMAIL, OUTSIDER_PASSWORD));
        people.put(Caller.NONE, new Person("nobody", null, null));

        // another organization with a conversation of its own
        Person outsider = people.get(Caller.OUTSIDER);
        outsidersOrg = stack.createOrg(outsider);
        UUID outsidersPortal = PortalsOf.defaultPortal(stack, outsidersOrg, outsider);
        awaitRoutingKnows(outsidersOrg, outsider);
        UUID outsidersClient = createClient(outsidersOrg, outsider, "Globex " + suffix);
        // routing-service learns the portal from portal-service's events
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                open(outsidersOrg, outsider, outsidersPortal, null, outsidersClient, "SMS", "globex-" + suffix).statusCode() == CREATED);
        outsidersConversation = id(PortalsOf.conversations(stack, outsidersOrg, outsidersPortal, outsider).getFirst());

        Person owner = people.get(Caller.OWNER);
        org = stack.createOrg(owner, Map.of("name", "Routing " + suffix, "plan", "ENTERPRISE", "seats", 1000));
        PortalsOf.defaultPortal(stack, org, owner);
        here = createPortal("Support " + suffix);
        elsewhere = createPortal("Billing " + suffix);
        join(Caller.ADMIN, "ADMIN", List.of());
        join(Caller.MANAGER_HERE, "MANAGER", List.of(here));
        join(Caller.MANAGER_ELSEWHERE, "MANAGER", List.of(elsewhere));
        join(Caller.ASSIGNEE, "AGENT", List.of(here));
        join(Caller.AGENT, "AGENT", List.of(here));
        join(Caller.VIEWER, "VIEWER", List.of());

        awaitRoutingKnows(org, owner());
        clientS = createClient(org, owner(), "Scenario S " + suffix);
        clientM = createClient(org, owner(), "Matrix M " + suffix);
        // routing-service learns members and portals from events: wait until it accepts the profiles and the team
        setProfile(Caller.ASSIGNEE, Map.of("SMS", 1, "LIVE_CHAT", 100), Map.of(clientS.toString(), List.of("SMS"), clientM.toString(), List.of("LIVE_CHAT")));
        setProfile(Caller.AGENT, Map.of("SMS", 1), Map.of(clientS.toString(), List.of("SMS")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> call("POST", "/api/orgs/" + org + "/teams", owner(),
                Map.of("portalId", here, "name", "Manual desk", "strategy", "MANUAL", "memberIds", List.of(id(Caller.ASSIGNEE), id(Caller.AGENT))))
                .statusCode() == CREATED);
        manualTeam = UUID.fromString(list("/api/orgs/" + org + "/teams?portalId=" + here, owner()).stream()
                .filter(team -> team.get("name").asString().equals("Manual desk")).findFirst().orElseThrow().get("id").asString());
        HttpResponse<String> settings = call("GET", "/api/orgs/" + org + "/routing/portals/" + here, owner(), null);
        hereStrategy = Stack.JSON.readTree(expect(settings, OK)).get("strategy").asString();
        assertThat(hereStrategy).as("a new portal routes on its own").isNotEqualTo("MANUAL");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close(); // the shared stack stays up for the next class
        }
    }

    // ---------------------------------------------------------------- Done when 4: who sees and changes what

    @Test
    void employeesSeeTheirOwn_managersThePortals_viewersCannotAssign_otherOrgsIdsAre404_andOverCapacityIs409UnlessTheOwnerForces() {
        Person owner = owner();
        String conversations = "/api/orgs/" + org + "/conversations";

        // one opened over HTTP, one from the channel integrations' topic: each agent (SMS capacity 1) takes one
        JsonNode overHttp = Stack.JSON.readTree(expect(open(org, owner, here, null, clientS, "SMS", "http-" + suffix), CREATED));
        assertThat(overHttp.get("externalId").asString()).isEqualTo("http-" + suffix);
        String inboundExternalId = "twilio:kafka-" + suffix;
        try (Events events = Events.onSharedBroker()) {
            Events.Envelope sent = events.publish(Events.envelope(EventCatalog.CONVERSATION_OPENED, org, new ConversationOpened(org, inboundExternalId, here,
                    null, clientS, "SMS", "Jordan Rivera", "Where is my order?", Instant.now().truncatedTo(ChronoUnit.MILLIS))));
            assertThat(sent.source()).isEqualTo(Topics.CHANNELS);
        }
        UUID first = id(overHttp);
        UUID[] inbound = new UUID[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            inbound[0] = portalConversations(here, owner()).stream().filter(c -> c.get("externalId").asString().equals(inboundExternalId))
                    .map(RoutingE2ETest::id).findFirst().orElse(null);
            return inbound[0] != null;
        });
        UUID second = inbound[0];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                "ASSIGNED".equals(conversation(first, owner()).get("status").asString())
                        && "ASSIGNED".equals(conversation(second, owner()).get("status").asString()));
        UUID firstAssignee = UUID.fromString(conversation(first, owner).get("assigneeId").asString());
        UUID secondAssignee = UUID.fromString(conversation(second, owner).get("assigneeId").asString());
        assertThat(Set.of(firstAssignee, secondAssignee)).as("one each: both are at capacity").containsExactlyInAnyOrder(id(Caller.ASSIGNEE), id(Caller.AGENT));

        // both agents are full on SMS: the third waits
        JsonNode third = Stack.JSON.readTree(expect(open(org, owner, here, null, clientS, "SMS", "http-3-" + suffix), CREATED));
        UUID waiting = id(third);
        assertThat(third.get("status").asString()).isEqualTo("QUEUED");
        assertThat(third.get("assigneeId").isNull()).isTrue();

        // an employee lists and reads only what is assigned to them; others' ids answer 404
        for (Caller agent : List.of(Caller.ASSIGNEE, Caller.AGENT)) {
            UUID mine = firstAssignee.equals(id(agent)) ? first : second;
            UUID theirs = mine.equals(first) ? second : first;
            List<JsonNode> listed = portalConversations(here, signedIn(agent));
            assertThat(listed).as(agent + " lists only their own").allSatisfy(c -> assertThat(c.get("assigneeId").asString()).isEqualTo(id(agent).toString()));
            assertThat(listed.stream().map(RoutingE2ETest::id)).contains(mine).doesNotContain(theirs, waiting);
            assertThat(call("GET", conversations + "/" + mine, signedIn(agent), null).statusCode()).isEqualTo(OK);
            assertProblem(call("GET", conversations + "/" + theirs, signedIn(agent), null), NOT_FOUND);
            assertProblem(call("GET", conversations + "/" + waiting, signedIn(agent), null), NOT_FOUND);
        }

        // the portal's manager sees all of it, a manager of another portal none
        assertThat(portalConversations(here, signedIn(Caller.MANAGER_HERE)).stream().map(RoutingE2ETest::id)).contains(first, second, waiting);
        assertProblem(call("GET", "/api/orgs/" + org + "/portals/" + here + "/conversations", signedIn(Caller.MANAGER_ELSEWHERE), null), NOT_FOUND);
        assertProblem(call("GET", conversations + "/" + first, signedIn(Caller.MANAGER_ELSEWHERE), null), NOT_FOUND);

        // a viewer reads everything and assigns nothing
        Person viewer = signedIn(Caller.VIEWER);
        assertThat(portalConversations(here, viewer).stream().map(RoutingE2ETest::id)).contains(first, second, waiting);
        assertThat(call("GET", conversations + "/" + waiting, viewer, null).statusCode()).isEqualTo(OK);
        assertProblem(call("POST", conversations + "/" + waiting + "/assign", viewer, assignTo(Caller.ASSIGNEE)), FORBIDDEN);
        assertProblem(call("POST", conversations + "/" + first + "/unassign", viewer, null), FORBIDDEN);

        // another organization's conversation is not found, under our org's path or under theirs
        assertProblem(call("GET", conversations + "/" + outsidersConversation, owner, null), NOT_FOUND);
        assertProblem(call("POST", conversations + "/" + outsidersConversation + "/assign", owner, assignTo(Caller.ASSIGNEE)), NOT_FOUND);
        assertProblem(call("GET", "/api/orgs/" + outsidersOrg + "/conversations/" + outsidersConversation, owner, null), NOT_FOUND);
        assertProblem(call("GET", conversations + "/" + first, signedIn(Caller.OUTSIDER), null), NOT_FOUND);

        // a manual assignment over capacity is refused with a typed 409, unless an owner forces it (a manager may not)
        HttpResponse<String> overCapacity = call("POST", conversations + "/" + waiting + "/assign", owner, assignTo(Caller.ASSIGNEE));
        assertProblem(overCapacity, CONFLICT);
        assertThat(Stack.JSON.readTree(overCapacity.body()).get("type").asString()).as("a typed conflict").isNotBlank().isNotEqualTo("about:blank");
        assertProblem(call("POST", conversations + "/" + waiting + "/assign", signedIn(Caller.MANAGER_HERE), assignTo(Caller.ASSIGNEE)), CONFLICT);
        assertProblem(call("POST", conversations + "/" + waiting + "/assign", signedIn(Caller.MANAGER_HERE),
                Map.of("userId", id(Caller.ASSIGNEE), "force", true)), FORBIDDEN);
        assertThat(conversation(waiting, owner).get("status").asString()).as("nothing changed").isEqualTo("QUEUED");

        HttpResponse<String> forced = call("POST", conversations + "/" + waiting + "/assign", owner, Map.of("userId", id(Caller.ASSIGNEE), "force", true));
        JsonNode assigned = Stack.JSON.readTree(expect(forced, OK));
        assertThat(assigned.get("status").asString()).isEqualTo("ASSIGNED");
        assertThat(assigned.get("assigneeId").asString()).isEqualTo(id(Caller.ASSIGNEE).toString());
        assertThat(portalConversations(here, signedIn(Caller.ASSIGNEE)).stream().map(RoutingE2ETest::id)).contains(waiting);
        JsonNode profile = Stack.JSON.readTree(expect(call("GET", "/api/orgs/" + org + "/members/" + id(Caller.ASSIGNEE) + "/routing-profile",
                signedIn(Caller.ASSIGNEE), null), OK));
        assertThat(profile.path("openCounts").path("SMS").asInt()).as("over capacity, as forced").isEqualTo(2);
    }

    // ---------------------------------------------------------------- issue 10, Done when 1: a lead's life

    @Test
    void leadFromTheInboundTopic_isAssignedByRoundRobin_walksNewContactedWonWithHistory_andWonFreesCapacityForTheNextQueued() {
        List<Caller> agents = List.of(Caller.ASSIGNEE, Caller.AGENT);
        UUID leadDesk = createTeam(List.of(id(Caller.ASSIGNEE), id(Caller.AGENT)));
        // two more open leads each than they hold now (other tests leave leads with them)
        Map<Caller, Integer> capacity = new EnumMap<>(Caller.class);
        for (Caller agent : agents) {
            capacity.put(agent, profile(agent).get("openLeads").asInt() + 2);
        }
        setProfile(Caller.ASSIGNEE, Map.of("SMS", 1, "LIVE_CHAT", 100), Map.of(clientS.toString(), List.of("SMS"), clientM.toString(), List.of("LIVE_CHAT")),
                capacity.get(Caller.ASSIGNEE));
        setProfile(Caller.AGENT, Map.of("SMS", 1), Map.of(clientS.toString(), List.of("SMS")), capacity.get(Caller.AGENT));
        try {
            // four leads from the CRM's topic, one after the other: round robin alternates between the two
            List<JsonNode> leads = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                leads.add(receiveLead(leadDesk, "crm:" + suffix + "-" + i));
            }
            List<UUID> assignees = leads.subList(0, 4).stream().map(lead -> {
                assertThat(lead.get("state").asString()).as(lead.toString()).isEqualTo("ASSIGNED");
                return UUID.fromString(lead.get("assigneeId").asString());
            }).toList();
            assertThat(Set.copyOf(assignees)).containsExactlyInAnyOrder(id(Caller.ASSIGNEE), id(Caller.AGENT));
            assertThat(assignees.get(1)).as("round robin: the other one next").isNotEqualTo(assignees.get(0));
            assertThat(assignees.get(2)).isEqualTo(assignees.get(0));
            assertThat(assignees.get(3)).isEqualTo(assignees.get(1));
            JsonNode fifth = leads.get(4);
            assertThat(fifth.get("state").asString()).as("both are at their lead capacity").isEqualTo("QUEUED");
            assertThat(fifth.get("statusId").asString()).isEqualTo("new");

            // the first lead's assignee works it: New -> Contacted -> Won
            UUID first = id(leads.getFirst());
            Caller worker = assignees.getFirst().equals(id(Caller.ASSIGNEE)) ? Caller.ASSIGNEE : Caller.AGENT;
            String path = "/api/orgs/" + org + "/leads/" + first;
            HttpResponse<String> unknown = call("PATCH", path, signedIn(worker), Map.of("statusId", "maybe-later"));
            assertProblem(unknown, BAD_REQUEST);
            assertThat(unknown.body()).contains("statusId", "contacted", "won");
            assertProblem(call("PATCH", path, signedIn(Caller.VIEWER), Map.of("statusId", "contacted")), FORBIDDEN);
            JsonNode contacted = Stack.JSON.readTree(expect(call("PATCH", path, signedIn(worker), Map.of("statusId", "contacted")), OK));
            assertThat(contacted.get("statusId").asString()).isEqualTo("contacted");
            assertThat(contacted.get("state").asString()).isEqualTo("ASSIGNED");
            JsonNode won = Stack.JSON.readTree(expect(call("PATCH", path, signedIn(worker), Map.of("statusId", "won")), OK));
            assertThat(won.get("outcome").asString()).isEqualTo("WON");
            assertThat(won.get("state").asString()).isEqualTo("CLOSED");

            JsonNode history = Stack.JSON.readTree(expect(call("GET", path, signedIn(worker), null), OK)).get("history");
            assertThat(history).hasSize(2);
            assertThat(history.get(0).get("fromStatusId").asString()).isEqualTo("new");
            assertThat(history.get(0).get("toStatusId").asString()).isEqualTo("contacted");
            assertThat(history.get(1).get("fromStatusId").asString()).isEqualTo("contacted");
            assertThat(history.get(1).get("toStatusName").asString()).isEqualTo("Won");
            for (JsonNode change : history) {
                assertThat(change.get("changedBy").asString()).isEqualTo(id(worker).toString());
                assertThat(change.get("changedAt").isNull()).isFalse();
            }

            // Won gave the worker a lead back: the queued fifth is theirs now
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                JsonNode now = lead(id(fifth));
                assertThat(now.get("state").asString()).isEqualTo("ASSIGNED");
                assertThat(now.get("assigneeId").asString()).isEqualTo(id(worker).toString());
            });
            assertProblem(call("PATCH", path, signedIn(worker), Map.of("statusId", "contacted")), CONFLICT);
        } finally {
            // other tests assign leads to the agents by hand: leave their lead capacity unbound again
            setProfile(Caller.ASSIGNEE, Map.of("SMS", 1, "LIVE_CHAT", 100), Map.of(clientS.toString(), List.of("SMS"), clientM.toString(),
                    List.of("LIVE_CHAT")), null);
            setProfile(Caller.AGENT, Map.of("SMS", 1), Map.of(clientS.toString(), List.of("SMS")), null);
        }
    }

    /** Publishes a lead as the CRM would and waits until routing-service has routed it; the lead as the owner sees it. */
    static JsonNode receiveLead(UUID team, String externalId) {
        try (Events events = Events.onSharedBroker()) {
            events.publish(EventCatalog.LEAD_RECEIVED, org, new LeadReceived(org, externalId, here, team, clientS, "web-form", "Avery " + externalId,
                    "avery@example.com", null, "Northwind", "Interested", Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        }
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode page = Stack.JSON.readTree(expect(call("GET", "/api/orgs/" + org + "/portals/" + here + "/leads?limit=200", owner(), null), OK));
            found[0] = StreamSupport.stream(page.get("items").spliterator(), false)
                    .filter(lead -> lead.get("externalId").asString().equals(externalId)).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    static JsonNode lead(UUID id) {
        return Stack.JSON.readTree(expect(call("GET", "/api/orgs/" + org + "/leads/" + id, owner(), null), OK));
    }

    static JsonNode profile(Caller caller) {
        return Stack.JSON.readTree(expect(call("GET", "/api/orgs/" + org + "/members/" + id(caller) + "/routing-profile", owner(), null), OK));
    }

    // ---------------------------------------------------------------- Done when 4: the permission matrix

    /** One request; {@code target} is a fresh target from the row's factory (reused until a call succeeds on it). */
    record Row(String endpoint, Supplier<UUID> targets, Function<UUID, Cell> request, int... expected) {
    }

    record Cell(String method, String path, Object body) {
    }

    static List<Row> rows() {
        String o = "/api/orgs/" + org;
        Supplier<UUID> none = () -> null;
        return List.of(
                new Row("GET /api/orgs/{orgId}/clients", none, t -> new Cell("GET", o + "/clients", null),
                        OK, OK, OK, OK, OK, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/clients", none, t -> new Cell("POST", o + "/clients", Map.of("name", "Client " + UUID.randomUUID())),
                        CREATED, CREATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/clients/{clientId}", none, t -> new Cell("GET", o + "/clients/" + clientS, null),
                        OK, OK, OK, OK, OK, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId}/clients/{clientId}", RoutingE2ETest::freshClient,
                        t -> new Cell("PATCH", o + "/clients/" + t, Map.of("name", "Renamed " + UUID.randomUUID())),
                        OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/orgs/{orgId}/clients/{clientId}", RoutingE2ETest::freshClient, t -> new Cell("DELETE", o + "/clients/" + t, null),
                        NO_CONTENT, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/members/{the AGENT}/routing-profile", none,
                        t -> new Cell("GET", o + "/members/" + id(Caller.AGENT) + "/routing-profile", null),
                        OK, OK, OK, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PUT /api/orgs/{orgId}/members/{the AGENT}/routing-profile", none,
                        t -> new Cell("PUT", o + "/members/" + id(Caller.AGENT) + "/routing-profile", agentProfile()),
                        OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/teams?portalId={portalId}", none, t -> new Cell("GET", o + "/teams?portalId=" + here, null),
                        OK, OK, OK, OK, OK, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/teams", none,
                        t -> new Cell("POST", o + "/teams", Map.of("portalId", here, "name", "Team " + UUID.randomUUID(), "strategy", "ROUND_ROBIN")),
                        CREATED, CREATED, CREATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/teams/{teamId}", none, t -> new Cell("GET", o + "/teams/" + manualTeam, null),
                        OK, OK, OK, FORBIDDEN, OK, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId}/teams/{teamId}", RoutingE2ETest::freshTeam,
                        t -> new Cell("PATCH", o + "/teams/" + t, Map.of("name", "Renamed " + UUID.randomUUID())),
                        OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/orgs/{orgId}/teams/{teamId}", RoutingE2ETest::freshTeam, t -> new Cell("DELETE", o + "/teams/" + t, null),
                        NO_CONTENT, NO_CONTENT, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PUT /api/orgs/{orgId}/teams/{teamId}/members/{userId}", RoutingE2ETest::freshTeam,
                        t -> new Cell("PUT", o + "/teams/" + t + "/members/" + id(Caller.AGENT), null),
                        OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/orgs/{orgId}/teams/{teamId}/members/{userId}", RoutingE2ETest::freshTeamWithTheAgent,
                        t -> new Cell("DELETE", o + "/teams/" + t + "/members/" + id(Caller.AGENT), null),
                        NO_CONTENT, NO_CONTENT, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/routing/portals/{portalId}", none, t -> new Cell("GET", o + "/routing/portals/" + here, null),
                        OK, OK, OK, FORBIDDEN, OK, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("PUT /api/orgs/{orgId}/routing/portals/{portalId}", none,
                        t -> new Cell("PUT", o + "/routing/portals/" + here, Map.of("strategy", hereStrategy)),
                        OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/conversations", none,
                        t -> new Cell("POST", o + "/conversations", openRequest(here, null, clientM, "LIVE_CHAT", "matrix-" + UUID.randomUUID())),
                        CREATED, CREATED, CREATED, NOT_FOUND, CREATED, CREATED, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/conversations/{one assigned to the ASSIGNEE}", RoutingE2ETest::assignedToTheAssignee,
                        t -> new Cell("GET", o + "/conversations/" + t, null),
                        OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/conversations/{a queued one}/assign", RoutingE2ETest::queued,
                        t -> new Cell("POST", o + "/conversations/" + t + "/assign", assignTo(Caller.ASSIGNEE)),
                        OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/conversations/{a queued one}/assign (force)", RoutingE2ETest::queued,
                        t -> new Cell("POST", o + "/conversations/" + t + "/assign", Map.of("userId", id(Caller.ASSIGNEE), "force", true)),
                        OK, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/conversations/{one assigned to the ASSIGNEE}/unassign", RoutingE2ETest::assignedToTheAssignee,
                        t -> new Cell("POST", o + "/conversations/" + t + "/unassign", null),
                        OK, OK, OK, NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/conversations/{one assigned to the ASSIGNEE}/close", RoutingE2ETest::assignedToTheAssignee,
                        t -> new Cell("POST", o + "/conversations/" + t + "/close", null),
                        OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/conversations/{one assigned to the ASSIGNEE}/notes", RoutingE2ETest::assignedToTheAssignee,
                        t -> new Cell("POST", o + "/conversations/" + t + "/notes", Map.of("text", "Called back")),
                        CREATED, CREATED, CREATED, NOT_FOUND, CREATED, NOT_FOUND, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/conversations/{one assigned to the ASSIGNEE}/notes", RoutingE2ETest::assignedToTheAssignee,
                        t -> new Cell("GET", o + "/conversations/" + t + "/notes", null),
                        OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/portals/{portalId}/conversations", none,
                        t -> new Cell("GET", o + "/portals/" + here + "/conversations", null),
                        OK, OK, OK, NOT_FOUND, OK, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/routing/queue?portalId={portalId}", none,
                        t -> new Cell("GET", o + "/routing/queue?portalId=" + here, null),
                        OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/lead-statuses", none, t -> new Cell("GET", o + "/lead-statuses", null),
                        OK, OK, OK, OK, OK, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("PUT /api/orgs/{orgId}/lead-statuses (the default list again)", none, t -> new Cell("PUT", o + "/lead-statuses", defaultLeadStatuses()),
                        OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/leads", none, t -> new Cell("POST", o + "/leads", leadRequest("matrix-lead-" + UUID.randomUUID())),
                        CREATED, CREATED, CREATED, NOT_FOUND, CREATED, CREATED, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/leads/{one assigned to the ASSIGNEE}", RoutingE2ETest::leadAssignedToTheAssignee,
                        t -> new Cell("GET", o + "/leads/" + t, null),
                        OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId}/leads/{one assigned to the ASSIGNEE}", RoutingE2ETest::leadAssignedToTheAssignee,
                        t -> new Cell("PATCH", o + "/leads/" + t, Map.of("statusId", "contacted")),
                        OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/leads/{a queued one}/assign", RoutingE2ETest::queuedLead,
                        t -> new Cell("POST", o + "/leads/" + t + "/assign", assignTo(Caller.ASSIGNEE)),
                        OK, OK, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/leads/{a queued one}/assign (force)", RoutingE2ETest::queuedLead,
                        t -> new Cell("POST", o + "/leads/" + t + "/assign", Map.of("userId", id(Caller.ASSIGNEE), "force", true)),
                        OK, OK, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/leads/{one assigned to the ASSIGNEE}/unassign", RoutingE2ETest::leadAssignedToTheAssignee,
                        t -> new Cell("POST", o + "/leads/" + t + "/unassign", null),
                        OK, OK, OK, NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/leads/{one assigned to the ASSIGNEE}/notes", RoutingE2ETest::leadAssignedToTheAssignee,
                        t -> new Cell("POST", o + "/leads/" + t + "/notes", Map.of("text", "Sent the price list")),
                        CREATED, CREATED, CREATED, NOT_FOUND, CREATED, NOT_FOUND, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/leads/{one assigned to the ASSIGNEE}/notes", RoutingE2ETest::leadAssignedToTheAssignee,
                        t -> new Cell("GET", o + "/leads/" + t + "/notes", null),
                        OK, OK, OK, NOT_FOUND, OK, NOT_FOUND, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/portals/{portalId}/leads", none,
                        t -> new Cell("GET", o + "/portals/" + here + "/leads", null),
                        OK, OK, OK, NOT_FOUND, OK, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/portals/{portalId}/dashboard", none,
                        t -> new Cell("GET", o + "/portals/" + here + "/dashboard", null),
                        OK, OK, OK, FORBIDDEN, OK, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/portals/overview", none, t -> new Cell("GET", o + "/portals/overview", null),
                        OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, NOT_FOUND, UNAUTHORIZED));
    }

    @Test
    void everyRoutingEndpoint_asEveryKindOfCaller_throughTheGateway() throws Exception {
        List<String> mismatches = new ArrayList<>();
        StringBuilder table = new StringBuilder("| endpoint | OWNER | ADMIN | MANAGER here | MANAGER elsewhere | AGENT (the assignee) | AGENT (not the assignee) "
                + "| VIEWER | OUTSIDER | NONE |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows()) {
            table.append("| ").append(row.endpoint()).append(" |");
            UUID target = row.targets().get();
            for (Caller caller : Caller.values()) {
                Cell cell = row.request().apply(target);
                HttpResponse<String> response = call(cell.method(), cell.path(), signedIn(caller), cell.body());
                int actual = response.statusCode();
                int expected = row.expected()[caller.ordinal()];
                table.append(' ').append(expected).append(" |");
                if (actual != expected) {
                    mismatches.add(row.endpoint() + " as " + caller + ": expected " + expected + ", got " + actual + " " + cell.method() + " "
                            + cell.path() + (cell.body() == null ? "" : " " + Stack.JSON.writeValueAsString(cell.body())) + " -> " + response.body());
                }
                if (actual >= 200 && actual < 300 && target != null) {
                    target = row.targets().get(); // the call changed it: the next caller gets a target in the same starting state
                }
            }
            table.append('\n');
        }
        Path written = Path.of("target/routing-permissions.md");
        Files.writeString(written, table.toString());
        assertThat(mismatches).as("cells that differ from the matrix").isEmpty();
        Path doc = Path.of(System.getProperty("switchboard.root", "..")).resolve("docs/permissions.md");
        assertThat(Files.readString(doc)).as("docs/permissions.md holds the tested matrix (see " + written.toAbsolutePath() + ")")
                .contains(table.toString());
    }

    // ---------------------------------------------------------------- targets of the matrix

    static UUID freshClient() {
        return createClient(org, owner(), "Client " + UUID.randomUUID());
    }

    static UUID freshTeam() {
        return createTeam(List.of());
    }

    static UUID freshTeamWithTheAgent() {
        return createTeam(List.of(id(Caller.AGENT)));
    }

    static UUID createTeam(List<UUID> members) {
        HttpResponse<String> created = call("POST", "/api/orgs/" + org + "/teams", owner(),
                Map.of("portalId", here, "name", "Team " + UUID.randomUUID(), "strategy", "ROUND_ROBIN", "memberIds", members));
        return id(Stack.JSON.readTree(expect(created, CREATED)));
    }

    /** A conversation of the MANUAL team: it waits until someone assigns it. */
    static UUID queued() {
        JsonNode opened = Stack.JSON.readTree(expect(open(org, owner(), here, manualTeam, clientM, "LIVE_CHAT", "manual-" + UUID.randomUUID()), CREATED));
        assertThat(opened.get("status").asString()).isEqualTo("QUEUED");
        return id(opened);
    }

    static Map<String, Object> leadRequest(String externalId) {
        return Map.of("portalId", here, "teamId", manualTeam, "clientId", clientM, "externalId", externalId, "source", "e2e",
                "contactName", "Lead " + externalId);
    }

    static Map<String, Object> defaultLeadStatuses() {
        return Map.of("statuses", List.of(Map.of("id", "new", "name", "New", "outcome", "OPEN"), Map.of("id", "contacted", "name", "Contacted", "outcome", "OPEN"),
                Map.of("id", "qualified", "name", "Qualified", "outcome", "OPEN"), Map.of("id", "won", "name", "Won", "outcome", "WON"),
                Map.of("id", "lost", "name", "Lost", "outcome", "LOST")));
    }

    /** A lead of the MANUAL team: it waits until someone assigns it. */
    static UUID queuedLead() {
        JsonNode created = Stack.JSON.readTree(expect(call("POST", "/api/orgs/" + org + "/leads", owner(), leadRequest("manual-lead-" + UUID.randomUUID())), CREATED));
        assertThat(created.get("state").asString()).isEqualTo("QUEUED");
        return id(created);
    }

    static UUID leadAssignedToTheAssignee() {
        UUID lead = queuedLead();
        expect(call("POST", "/api/orgs/" + org + "/leads/" + lead + "/assign", owner(), assignTo(Caller.ASSIGNEE)), OK);
        return lead;
    }

    static UUID assignedToTheAssignee() {
        UUID conversation = queued();
        expect(call("POST", "/api/orgs/" + org + "/conversations/" + conversation + "/assign", owner(), assignTo(Caller.ASSIGNEE)), OK);
        return conversation;
    }

    // ---------------------------------------------------------------- helpers

    static Person owner() {
        return signedIn(Caller.OWNER);
    }

    /** The caller signed in just now (access tokens live 5 minutes; this class runs longer). */
    static Person signedIn(Caller caller) {
        Person person = people.get(caller);
        if (caller == Caller.NONE) {
            return person;
        }
        return Stack.signIn(person.email(), caller == Caller.OUTSIDER ? OUTSIDER_PASSWORD : PASSWORD);
    }

    static UUID id(Caller caller) {
        return people.get(caller).id();
    }

    static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }

    static UUID id(String body) {
        return id(Stack.JSON.readTree(body));
    }

    static HttpResponse<String> call(String method, String path, Person as, Object body) {
        return stack.call(method, path, as, body);
    }

    static String expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + " -> " + response.body()).isEqualTo(status);
        return response.body();
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + " -> " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
    }

    static void join(Caller caller, String role, List<UUID> portals) {
        stack.refreshOwner(org, PASSWORD);
        stack.invitationAccepted(org, people.get(caller), role, portals);
        for (UUID portal : portals) {
            PortalsOf.awaitMember(stack, org, portal, id(caller), owner());
        }
    }

    static Map<String, Object> openRequest(UUID portal, UUID team, UUID client, String channel, String externalId) {
        Map<String, Object> request = new HashMap<>(Map.of("portalId", portal, "clientId", client, "channel", channel, "externalId", externalId,
                "customerName", "Customer " + externalId, "subject", "Help"));
        if (team != null) {
            request.put("teamId", team);
        }
        return request;
    }

    static HttpResponse<String> open(UUID orgId, Person as, UUID portal, UUID team, UUID client, String channel, String externalId) {
        return call("POST", "/api/orgs/" + orgId + "/conversations", as, openRequest(portal, team, client, channel, externalId));
    }

    static UUID createClient(UUID orgId, Person as, String name) {
        return id(expect(call("POST", "/api/orgs/" + orgId + "/clients", as, Map.of("name", name)), CREATED));
    }

    static UUID createPortal(String name) {
        return id(expect(call("POST", "/api/orgs/" + org + "/portals", owner(), Map.of("name", name)), CREATED));
    }

    /** An assignment, not forced ({@code force} is optional: absent is false). */
    static Map<String, Object> assignTo(Caller caller) {
        return Map.of("userId", id(caller));
    }

    static Map<String, Object> agentProfile() {
        return Map.of("channels", Map.of("SMS", 1), "clients", Map.of(clientS.toString(), List.of("SMS")));
    }

    /** Until routing-service knows {@code as} as a member of {@code orgId} (from org-service's events). */
    static void awaitRoutingKnows(UUID orgId, Person as) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                call("GET", "/api/orgs/" + orgId + "/clients", as, null).statusCode() == OK);
    }

    /** Sets a member's profile as the owner, once routing-service knows them as a member. */
    static void setProfile(Caller caller, Map<String, Integer> channels, Map<String, List<String>> clients) {
        setProfile(caller, channels, clients, null);
    }

    /** As above, with a lead capacity (null: leads are not capacity-bound for them). */
    static void setProfile(Caller caller, Map<String, Integer> channels, Map<String, List<String>> clients, Integer leadCapacity) {
        String path = "/api/orgs/" + org + "/members/" + id(caller) + "/routing-profile";
        Map<String, Object> profile = new HashMap<>(Map.of("channels", channels, "clients", clients));
        profile.put("leadCapacity", leadCapacity);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                call("PUT", path, owner(), profile).statusCode() == OK);
    }

    static JsonNode conversation(UUID id, Person as) {
        return Stack.JSON.readTree(expect(call("GET", "/api/orgs/" + org + "/conversations/" + id, as, null), OK));
    }

    static List<JsonNode> portalConversations(UUID portal, Person as) {
        JsonNode page = Stack.JSON.readTree(expect(call("GET", "/api/orgs/" + org + "/portals/" + portal + "/conversations?limit=200", as, null), OK));
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }

    static List<JsonNode> list(String path, Person as) {
        return StreamSupport.stream(Stack.JSON.readTree(expect(call("GET", path, as, null), OK)).spliterator(), false).toList();
    }

    /** Portal look-ups shared with the set-up: the default portal, and waiting for someone to be in a portal. */
    static final class PortalsOf {

        static UUID defaultPortal(Stack stack, UUID orgId, Person owner) {
            UUID[] found = new UUID[1];
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                HttpResponse<String> portals = stack.call("GET", "/api/orgs/" + orgId + "/portals", owner, null);
                if (portals.statusCode() != OK) {
                    return false;
                }
                for (JsonNode portal : Stack.JSON.readTree(portals.body())) {
                    if (portal.get("isDefault").asBoolean()) {
                        found[0] = UUID.fromString(portal.get("id").asString());
                        return true;
                    }
                }
                return false;
            });
            return found[0];
        }

        static List<JsonNode> conversations(Stack stack, UUID orgId, UUID portal, Person as) {
            HttpResponse<String> page = stack.call("GET", "/api/orgs/" + orgId + "/portals/" + portal + "/conversations", as, null);
            return StreamSupport.stream(Stack.JSON.readTree(expect(page, OK)).get("items").spliterator(), false).toList();
        }

        static void awaitMember(Stack stack, UUID orgId, UUID portal, UUID userId, Person owner) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                HttpResponse<String> members = stack.call("GET", "/api/orgs/" + orgId + "/portals/" + portal + "/members", owner, null);
                return members.statusCode() == OK && StreamSupport.stream(Stack.JSON.readTree(members.body()).spliterator(), false)
                        .anyMatch(m -> m.get("userId").asString().equals(userId.toString()));
            });
        }
    }
}
