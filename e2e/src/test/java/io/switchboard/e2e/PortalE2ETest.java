package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.e2e.Stack.Person;
import io.switchboard.testing.RealServers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Portals, portal members and availability through the gateway with real tokens, on the whole chain: invitations
 * (identity-service) → memberships (org-service) → portals (portal-service) → managers' reach (org-service again).
 * The permission matrix of portal-service's endpoints, and of the org member endpoints for a manager whose target
 * is in or outside their portals, is the table in docs/permissions.md; the test checks the doc holds it.
 */
@UsesSharedStack
class PortalE2ETest {

    enum Caller {
        OWNER, ADMIN, MANAGER_HERE, MANAGER_ELSEWHERE, EMPLOYEE_HERE, EMPLOYEE_ELSEWHERE, VIEWER, CUSTOM_AVAILABILITY, CUSTOM_PLAIN,
        OUTSIDER, NONE
    }

    static final String PASSWORD = "portal-pass-1";
    static final String OUTSIDER_EMAIL = "carol@globex.test";
    static final String OUTSIDER_PASSWORD = "carol-demo-pass";
    static final int OK = 200, CREATED = 201, NO_CONTENT = 204, BAD_REQUEST = 400, UNAUTHORIZED = 401, FORBIDDEN = 403, NOT_FOUND = 404,
            CONFLICT = 409;

    static Stack stack;
    static final Map<Caller, Person> people = new EnumMap<>(Caller.class);
    static UUID org;
    static UUID here;
    static UUID elsewhere;
    static UUID defaultPortal;
    static UUID outsidersPortal;
    static String schedulerRole;
    static String readerRole;

    @BeforeAll
    static void start() {
        stack = Stack.shared();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        for (Caller caller : Caller.values()) {
            if (caller != Caller.OUTSIDER && caller != Caller.NONE) {
                String email = "portal." + caller.name().toLowerCase().replace('_', '-') + "." + suffix + "@acme.test";
                RealServers.keycloak().createUser(email, PASSWORD, "Portal", caller.name());
                people.put(caller, Stack.signIn(email, PASSWORD));
            }
        }
        people.put(Caller.OUTSIDER, Stack.signIn(OUTSIDER_EMAIL, OUTSIDER_PASSWORD));
        people.put(Caller.NONE, new Person("nobody", null, null));

        UUID outsidersOrg = stack.createOrg(people.get(Caller.OUTSIDER));
        outsidersPortal = defaultPortalOf(outsidersOrg, people.get(Caller.OUTSIDER));

        Person owner = people.get(Caller.OWNER);
        org = stack.createOrg(owner, Map.of("name", "Portals " + suffix, "plan", "ENTERPRISE", "seats", 1000));
        defaultPortal = defaultPortalOf(org, owner);
        here = createPortal("Support " + suffix);
        elsewhere = createPortal("Billing " + suffix);
        schedulerRole = createRole("Scheduler", List.of("availability:manage", "portals:read", "members:read"));
        readerRole = createRole("Reader", List.of("portals:read", "members:read"));

        join(Caller.ADMIN, "ADMIN", List.of());
        join(Caller.MANAGER_HERE, "MANAGER", List.of(here));
        join(Caller.MANAGER_ELSEWHERE, "MANAGER", List.of(elsewhere));
        join(Caller.EMPLOYEE_HERE, "AGENT", List.of(here));
        join(Caller.EMPLOYEE_ELSEWHERE, "AGENT", List.of(elsewhere));
        join(Caller.VIEWER, "VIEWER", List.of());
        join(Caller.CUSTOM_AVAILABILITY, "custom:" + schedulerRole, List.of());
        join(Caller.CUSTOM_PLAIN, "custom:" + readerRole, List.of());
        awaitInPortal(people.get(Caller.MANAGER_HERE).id(), here);
        awaitInPortal(people.get(Caller.MANAGER_ELSEWHERE).id(), elsewhere);
        awaitInPortal(people.get(Caller.EMPLOYEE_HERE).id(), here);
        awaitInPortal(people.get(Caller.EMPLOYEE_ELSEWHERE).id(), elsewhere);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    // ---------------------------------------------------------------- Done when 2: invitations name portals

    @Test
    void invitationNamingTwoPortals_putsTheMemberInBoth_andOneNamingNone_putsAnAgentInTheDefaultPortal() {
        UUID both = freshPerson("AGENT", List.of(here, elsewhere));
        awaitInPortal(both, here);
        awaitInPortal(both, elsewhere);
        assertThat(portalIdsOf(both)).containsExactlyInAnyOrder(here, elsewhere);

        UUID none = freshPerson("AGENT", List.of());
        awaitInPortal(none, defaultPortal);
        assertThat(portalIdsOf(none)).containsExactly(defaultPortal);
        assertThat(member(defaultPortal, none).get("portalRole").asString()).isEqualTo("EMPLOYEE");

        UUID manager = freshPerson("MANAGER", List.of(here));
        awaitInPortal(manager, here);
        assertThat(member(here, manager).get("portalRole").asString()).isEqualTo("MANAGER");

        // OWNER and ADMIN see every portal without being members: an ADMIN invited without portals joins none
        assertThat(portalIdsOf(people.get(Caller.ADMIN).id())).isEmpty();
    }

    // ---------------------------------------------------------------- Done when 4: removal and deactivation reach portals

    @Test
    void removingAMember_takesThemOutOfEveryPortal_andAway_inTheAvailabilityAndAuditLogs() {
        Person owner = owner();
        UUID agent = freshPerson("AGENT", List.of(here, elsewhere));
        awaitInPortal(agent, here);
        awaitInPortal(agent, elsewhere);

        assertThat(call("DELETE", "/api/orgs/" + org + "/members/" + agent, owner, null).statusCode()).isEqualTo(NO_CONTENT);
        long removed = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> memberOrNull(here, agent) == null && memberOrNull(elsewhere, agent) == null);
        System.out.printf("removal -> out of both portals after %.0f ms%n", (System.nanoTime() - removed) / 1e6);

        for (UUID portal : List.of(here, elsewhere)) {
            JsonNode last = availabilityLog(portal, agent, owner).getFirst();
            assertThat(last.get("available").asBoolean()).isFalse();
            assertThat(last.get("reason").asString()).isEqualTo("MEMBER_REMOVED");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(auditActionsFor("user:" + agent))
                .contains("member.removed", "portal.member-removed", "availability.changed"));
    }

    @Test
    void deactivatingAMember_makesThemAwayEverywhere_andKeepsThem_andReactivationLeavesThemAway() {
        Person owner = owner();
        UUID agent = freshPerson("AGENT", List.of(here, elsewhere));
        awaitInPortal(agent, here);
        awaitInPortal(agent, elsewhere);
        assertThat(member(here, agent).get("available").asBoolean()).isTrue();

        assertThat(call("POST", "/api/orgs/" + org + "/members/" + agent + "/deactivate", owner, null).statusCode()).isEqualTo(NO_CONTENT);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                !member(here, agent).get("available").asBoolean() && !member(elsewhere, agent).get("available").asBoolean());
        for (UUID portal : List.of(here, elsewhere)) {
            assertThat(availabilityLog(portal, agent, owner).getFirst().get("reason").asString()).isEqualTo("MEMBER_DEACTIVATED");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(auditActionsFor("user:" + agent))
                .contains("member.deactivated", "availability.changed"));

        assertThat(call("POST", "/api/orgs/" + org + "/members/" + agent + "/reactivate", owner, null).statusCode()).isEqualTo(OK);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(member(here, agent).get("available").asBoolean()).as("stays away until someone toggles it").isFalse();
    }

    // ---------------------------------------------------------------- Done when 6: managers' reach, the invite setting, the Away switch

    @Test
    void manager_deactivatesAnAgentOfTheirPortal_butNotOneOutsideTheirPortals() {
        Person manager = signedIn(Caller.MANAGER_HERE);
        UUID inside = agentIn(here);
        UUID outside = agentIn(elsewhere);
        HttpResponse<String> refused = call("POST", "/api/orgs/" + org + "/members/" + outside + "/deactivate", manager, null);
        assertThat(refused.statusCode()).isEqualTo(FORBIDDEN);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(call("POST", "/api/orgs/" + org + "/members/" + inside + "/deactivate", manager, null).statusCode()).isEqualTo(NO_CONTENT);
    }

    @Test
    void managersInviteManagers_onlyWhenTheOrgSettingIsOn_andNeverAdmins() {
        UUID settingOrg = stack.createOrg(owner(), Map.of("name", "Setting " + UUID.randomUUID(), "plan", "ENTERPRISE", "seats", 100));
        Person owner = owner();
        Person manager = Stack.signIn(people.get(Caller.MANAGER_ELSEWHERE).email(), PASSWORD);
        stack.invitationAccepted(settingOrg, manager, "MANAGER");
        String path = "/api/orgs/" + settingOrg + "/invitations";
        assertThat(call("POST", path, manager, Map.of("email", "mgr-" + UUID.randomUUID() + "@acme.test", "role", "MANAGER")).statusCode())
                .isEqualTo(FORBIDDEN);
        assertThat(Stack.JSON.readTree(call("GET", "/api/orgs/" + settingOrg, owner, null).body()).get("managersMayInviteManagers").asBoolean())
                .isFalse();

        assertThat(call("PATCH", "/api/orgs/" + settingOrg, owner, Map.of("managersMayInviteManagers", true)).statusCode()).isEqualTo(OK);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                call("POST", path, manager, Map.of("email", "mgr-" + UUID.randomUUID() + "@acme.test", "role", "MANAGER")).statusCode() == CREATED);
        assertThat(call("POST", path, manager, Map.of("email", "adm-" + UUID.randomUUID() + "@acme.test", "role", "ADMIN")).statusCode())
                .isEqualTo(FORBIDDEN);
    }

    @Test
    void awaySwitch_setsThePersonAwayInEveryPortalInOneRequest_visibleInEachPortalsLog() {
        UUID agentId = freshPerson("AGENT", List.of(here, elsewhere, defaultPortal));
        awaitInPortal(agentId, here);
        awaitInPortal(agentId, elsewhere);
        awaitInPortal(agentId, defaultPortal);
        Person agent = personById(agentId);

        HttpResponse<String> away = call("PUT", "/api/orgs/" + org + "/portals/availability", agent, Map.of("available", false, "note", "Lunch"));
        assertThat(away.statusCode()).as(away.body()).isEqualTo(OK);
        for (UUID portal : List.of(here, elsewhere, defaultPortal)) {
            JsonNode member = member(portal, agentId);
            assertThat(member.get("available").asBoolean()).isFalse();
            assertThat(member.get("note").asString()).isEqualTo("Lunch");
            JsonNode last = availabilityLog(portal, agentId, owner()).getFirst();
            assertThat(last.get("reason").asString()).isEqualTo("AWAY_SWITCH");
            assertThat(last.get("changedBy").asString()).isEqualTo(agentId.toString());
        }
        // back, and a manager's per-portal toggle still works on its own
        assertThat(call("PUT", "/api/orgs/" + org + "/portals/availability", agent, Map.of("available", true)).statusCode()).isEqualTo(OK);
        assertThat(call("PUT", "/api/orgs/" + org + "/portals/" + here + "/members/" + agentId + "/availability", signedIn(Caller.MANAGER_HERE),
                Map.of("available", false)).statusCode()).isEqualTo(OK);
        assertThat(member(here, agentId).get("available").asBoolean()).isFalse();
        assertThat(member(elsewhere, agentId).get("available").asBoolean()).isTrue();
    }

    // ---------------------------------------------------------------- Done when 5: bad input, nothing half-written

    @Test
    void badInput_answersProblemJsonNamingTheField_andWritesNothing() {
        Person owner = owner();
        String portals = "/api/orgs/" + org + "/portals";
        int before = list(portals, owner).size();

        assertField(call("POST", portals, owner, Map.of("name", "  ")), BAD_REQUEST, "name");
        assertField(call("POST", portals, owner, Map.of("name", "x".repeat(101))), BAD_REQUEST, "name");
        assertField(call("POST", portals, owner, Map.of("name", "Unique " + UUID.randomUUID(), "colour", "red")), BAD_REQUEST, "colour");
        String taken = Stack.JSON.readTree(call("GET", portals + "/" + here, owner, null).body()).get("name").asString();
        assertField(call("POST", portals, owner, Map.of("name", "  " + taken.toUpperCase() + " ")), CONFLICT, "name");
        assertThat(list(portals, owner)).hasSize(before);
        assertThat(call("POST", portals, owner, Map.of("name", "y".repeat(100))).statusCode()).isEqualTo(CREATED);

        UUID agent = agentIn(elsewhere);
        assertField(call("PUT", portals + "/" + here + "/members/" + agent, owner, Map.of("portalRole", "CAPTAIN")), BAD_REQUEST, "portalRole");
        assertThat(memberOrNull(here, agent)).isNull();
        assertField(call("PUT", portals + "/" + here + "/members/" + UUID.randomUUID(), owner, Map.of("portalRole", "EMPLOYEE")), NOT_FOUND, "userId");
        assertField(call("PUT", portals + "/" + here + "/members/" + agent + "/availability", owner, Map.of("available", false)), NOT_FOUND, null);
        assertField(call("PATCH", portals + "/" + here, owner, Map.of("name", "x".repeat(101))), BAD_REQUEST, "name");
        assertField(call("DELETE", portals + "/" + defaultPortal, owner, null), CONFLICT, null);
        assertThat(Stack.JSON.readTree(call("GET", portals + "/" + here, owner, null).body()).get("name").asString()).isEqualTo(taken);
    }

    // ---------------------------------------------------------------- Done when 3: the permission matrix

    /** One request; {@code target} is a fresh target from the row's factory (reused until a call succeeds on it). */
    record Row(String endpoint, Supplier<UUID> targets, Function<UUID, Cell> request, int... expected) {
    }

    record Cell(String method, String path, Object body) {
    }

    static List<Row> rows() {
        String o = "/api/orgs/";
        Supplier<UUID> none = () -> null;
        return List.of(
                new Row("GET /api/orgs/{orgId}/portals", none, t -> new Cell("GET", o + org + "/portals", null),
                        OK, OK, OK, OK, OK, OK, OK, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/portals", none, t -> new Cell("POST", o + org + "/portals", Map.of("name", "P " + UUID.randomUUID())),
                        CREATED, CREATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/portals/{portalId}", none, t -> new Cell("GET", o + org + "/portals/" + here, null),
                        OK, OK, OK, FORBIDDEN, OK, FORBIDDEN, OK, OK, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/portals/{another org's portalId}", none, t -> new Cell("GET", o + org + "/portals/" + outsidersPortal, null),
                        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId}/portals/{portalId}", none, t -> new Cell("PATCH", o + org + "/portals/" + here,
                        Map.of("description", "Front line " + UUID.randomUUID())),
                        OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/orgs/{orgId}/portals/{portalId} (archive)", PortalE2ETest::createPortalForRow,
                        t -> new Cell("DELETE", o + org + "/portals/" + t, null),
                        NO_CONTENT, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/orgs/{orgId}/portals/{default portal}", none, t -> new Cell("DELETE", o + org + "/portals/" + defaultPortal, null),
                        CONFLICT, CONFLICT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/portals/{portalId}/members", none, t -> new Cell("GET", o + org + "/portals/" + here + "/members", null),
                        OK, OK, OK, FORBIDDEN, OK, FORBIDDEN, OK, OK, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PUT /api/orgs/{orgId}/portals/{portalId}/members/{an AGENT only in the default portal} (EMPLOYEE)",
                        () -> agentIn(defaultPortal),
                        t -> new Cell("PUT", o + org + "/portals/" + here + "/members/" + t, Map.of("portalRole", "EMPLOYEE")),
                        CREATED, CREATED, CREATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PUT /api/orgs/{orgId}/portals/{portalId}/members/{an AGENT of another portal} (EMPLOYEE)", () -> agentIn(elsewhere),
                        t -> new Cell("PUT", o + org + "/portals/" + here + "/members/" + t, Map.of("portalRole", "EMPLOYEE")),
                        CREATED, CREATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PUT /api/orgs/{orgId}/portals/{portalId}/members/{userId} (MANAGER)", () -> agentIn(elsewhere),
                        t -> new Cell("PUT", o + org + "/portals/" + here + "/members/" + t, Map.of("portalRole", "MANAGER")),
                        CREATED, CREATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/orgs/{orgId}/portals/{portalId}/members/{userId} (an EMPLOYEE)", () -> agentIn(here),
                        t -> new Cell("DELETE", o + org + "/portals/" + here + "/members/" + t, null),
                        NO_CONTENT, NO_CONTENT, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PUT /api/orgs/{orgId}/portals/{portalId}/members/{employee here}/availability", none,
                        t -> new Cell("PUT", o + org + "/portals/" + here + "/members/" + people.get(Caller.EMPLOYEE_HERE).id() + "/availability",
                                Map.of("available", true)),
                        OK, OK, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/portals/{portalId}/availability-log", none,
                        t -> new Cell("GET", o + org + "/portals/" + here + "/availability-log", null),
                        OK, OK, OK, FORBIDDEN, OK, FORBIDDEN, OK, OK, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PUT /api/orgs/{orgId}/portals/availability (the caller's Away switch)", none,
                        t -> new Cell("PUT", o + org + "/portals/availability", Map.of("available", true)),
                        OK, OK, OK, OK, OK, OK, FORBIDDEN, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId}/members/{agent here} (role VIEWER)", () -> agentIn(here),
                        t -> new Cell("PATCH", o + org + "/members/" + t, Map.of("role", "VIEWER")),
                        OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId}/members/{agent elsewhere} (role VIEWER)", () -> agentIn(elsewhere),
                        t -> new Cell("PATCH", o + org + "/members/" + t, Map.of("role", "VIEWER")),
                        OK, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/members/{agent here}/deactivate", () -> agentIn(here),
                        t -> new Cell("POST", o + org + "/members/" + t + "/deactivate", null),
                        NO_CONTENT, NO_CONTENT, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/members/{agent elsewhere}/deactivate", () -> agentIn(elsewhere),
                        t -> new Cell("POST", o + org + "/members/" + t + "/deactivate", null),
                        NO_CONTENT, NO_CONTENT, FORBIDDEN, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/members/{agent here}/reactivate", () -> deactivated(agentIn(here)),
                        t -> new Cell("POST", o + org + "/members/" + t + "/reactivate", null),
                        OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/orgs/{orgId}/members/{agent here}", () -> agentIn(here),
                        t -> new Cell("DELETE", o + org + "/members/" + t, null),
                        NO_CONTENT, NO_CONTENT, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/orgs/{orgId}/members/{agent elsewhere}", () -> agentIn(elsewhere),
                        t -> new Cell("DELETE", o + org + "/members/" + t, null),
                        NO_CONTENT, NO_CONTENT, FORBIDDEN, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED));
    }

    @Test
    void everyPortalEndpoint_andTheMemberEndpointsByPortal_asEveryKindOfCaller_throughTheGateway() throws Exception {
        List<String> mismatches = new ArrayList<>();
        StringBuilder table = new StringBuilder("| endpoint | OWNER | ADMIN | MANAGER here | MANAGER elsewhere | EMPLOYEE here | EMPLOYEE elsewhere "
                + "| VIEWER | CUSTOM +availability | CUSTOM | OUTSIDER | NONE |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows()) {
            table.append("| ").append(row.endpoint()).append(" |");
            UUID target = row.targets().get();
            for (Caller caller : Caller.values()) {
                Cell cell = row.request().apply(target);
                int actual = call(cell.method(), cell.path(), signedIn(caller), cell.body()).statusCode();
                int expected = row.expected()[caller.ordinal()];
                table.append(' ').append(expected).append(" |");
                if (actual != expected) {
                    mismatches.add(row.endpoint() + " as " + caller + ": expected " + expected + ", got " + actual);
                }
                if (actual >= 200 && actual < 300 && target != null) {
                    target = row.targets().get(); // the call changed it: the next caller gets a target in the same starting state
                }
            }
            table.append('\n');
        }
        Path written = Path.of("target/portal-permission-matrix.md");
        Files.writeString(written, table.toString());
        assertThat(mismatches).as("cells that differ from the matrix").isEmpty();
        Path doc = Path.of(System.getProperty("switchboard.root", "..")).resolve("docs/permissions.md");
        assertThat(Files.readString(doc)).as("docs/permissions.md holds the tested matrix (see " + written.toAbsolutePath() + ")")
                .contains(table.toString());
    }

    // ---------------------------------------------------------------- helpers

    private static final Map<UUID, String> EMAILS = new java.util.concurrent.ConcurrentHashMap<>();

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

    static HttpResponse<String> call(String method, String path, Person as, Object body) {
        return stack.call(method, path, as, body);
    }

    static void join(Caller caller, String role, List<UUID> portals) {
        stack.refreshOwner(org, PASSWORD);
        stack.invitationAccepted(org, people.get(caller), role, portals);
    }

    /** A new person with an account of their own, invited with {@code role} and {@code portals}, who accepted. */
    static UUID freshPerson(String role, List<UUID> portals) {
        String email = "portal-" + UUID.randomUUID() + "@acme.test";
        RealServers.keycloak().createUser(email, PASSWORD, "Fresh", "Person");
        Person person = Stack.signIn(email, PASSWORD);
        EMAILS.put(person.id(), email);
        stack.refreshOwner(org, PASSWORD);
        stack.invitationAccepted(org, person, role, portals);
        return person.id();
    }

    static Person personById(UUID id) {
        return Stack.signIn(EMAILS.get(id), PASSWORD);
    }

    /** A fresh AGENT in {@code portal} only, known as such to portal-service and to org-service. */
    static UUID agentIn(UUID portal) {
        UUID agent = freshPerson("AGENT", List.of(portal));
        awaitInPortal(agent, portal);
        return agent;
    }

    static UUID deactivated(UUID member) {
        assertThat(call("POST", "/api/orgs/" + org + "/members/" + member + "/deactivate", owner(), null).statusCode()).isEqualTo(NO_CONTENT);
        return member;
    }

    /** Until portal-service lists {@code userId} in {@code portal} and org-service's member details name it. */
    static void awaitInPortal(UUID userId, UUID portal) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
                memberOrNull(portal, userId) != null && portalIdsOf(userId).contains(portal));
    }

    static List<UUID> portalIdsOf(UUID userId) {
        JsonNode member = Stack.JSON.readTree(call("GET", "/api/orgs/" + org + "/members/" + userId, owner(), null).body());
        return StreamSupport.stream(member.path("portals").spliterator(), false)
                .map(p -> UUID.fromString(p.get("portalId").asString())).toList();
    }

    static JsonNode member(UUID portal, UUID userId) {
        JsonNode member = memberOrNull(portal, userId);
        assertThat(member).as("member " + userId + " of portal " + portal).isNotNull();
        return member;
    }

    static JsonNode memberOrNull(UUID portal, UUID userId) {
        HttpResponse<String> members = call("GET", "/api/orgs/" + org + "/portals/" + portal + "/members", owner(), null);
        assertThat(members.statusCode()).as(members.body()).isEqualTo(OK);
        for (JsonNode member : Stack.JSON.readTree(members.body())) {
            if (member.get("userId").asString().equals(userId.toString())) {
                return member;
            }
        }
        return null;
    }

    /** The portal's availability log for one person, newest first. */
    static List<JsonNode> availabilityLog(UUID portal, UUID userId, Person as) {
        HttpResponse<String> page = call("GET", "/api/orgs/" + org + "/portals/" + portal + "/availability-log?userId=" + userId, as, null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(OK);
        JsonNode body = Stack.JSON.readTree(page.body());
        JsonNode entries = body.isArray() ? body : body.get("entries");
        return StreamSupport.stream(entries.spliterator(), false).toList();
    }

    static List<String> auditActionsFor(String target) {
        JsonNode page = Stack.JSON.readTree(call("GET", "/api/orgs/" + org + "/audit-log?limit=200", owner(), null).body());
        return StreamSupport.stream(page.get("entries").spliterator(), false)
                .filter(e -> target.equals(e.path("target").asString(null)))
                .map(e -> e.get("action").asString()).toList();
    }

    static List<JsonNode> list(String path, Person as) {
        return StreamSupport.stream(Stack.JSON.readTree(call("GET", path, as, null).body()).spliterator(), false).toList();
    }

    static void assertField(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        if (field != null) {
            assertThat(response.body()).as("names the field").contains("\"" + field + "\"");
        }
    }

    static UUID defaultPortalOf(UUID orgId, Person owner) {
        UUID[] found = new UUID[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpResponse<String> portals = stack.call("GET", "/api/orgs/" + orgId + "/portals", owner, null);
            if (portals.statusCode() != OK) {
                return false;
            }
            for (JsonNode portal : Stack.JSON.readTree(portals.body())) {
                if (portal.get("isDefault").asBoolean() && portal.get("name").asString().equals("Sales Portal")) {
                    found[0] = UUID.fromString(portal.get("id").asString());
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    static UUID createPortal(String name) {
        HttpResponse<String> created = call("POST", "/api/orgs/" + org + "/portals", owner(), Map.of("name", name));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(CREATED);
        return UUID.fromString(Stack.JSON.readTree(created.body()).get("id").asString());
    }

    static UUID createPortalForRow() {
        return createPortal("Archivable " + UUID.randomUUID());
    }

    static String createRole(String name, List<String> permissions) {
        HttpResponse<String> created = call("POST", "/api/orgs/" + org + "/roles", owner(), Map.of("name", name, "permissions", permissions));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(CREATED);
        return Stack.JSON.readTree(created.body()).get("id").asString();
    }
}
