package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.e2e.Stack.Person;
import io.switchboard.testing.RealServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every org-service endpoint, through the gateway, as each kind of caller, with real Keycloak tokens.
 * The expected statuses are the table in docs/permissions.md; the test checks the doc holds this table.
 * Members join the only way there is (an invitation mailed and accepted while signed in); the org is moved
 * to a paid plan by the operator, since new orgs start on FREE_TRIAL.
 */
@UsesSharedStack
class PermissionMatrixTest {

    enum Caller { OWNER, ADMIN, MANAGER, AGENT, VIEWER, CUSTOM, OUTSIDER, NONE }

    /** One request, made by a caller inside an organization set up for it. */
    record Cell(String method, String path, Object body) {
    }

    record Row(String endpoint, Function<Fixture, Cell> request, int... expected) {
    }

    static final String OWNER_EMAIL = "alice@acme.test";
    static final String OWNER_PASSWORD = "alice-demo-pass";
    static Stack stack;
    static Map<Caller, Person> people = new LinkedHashMap<>();
    static Person operator;

    @BeforeAll
    static void start() {
        stack = Stack.shared(); // with portal-service: a MANAGER's reach follows their portals
        String password = "matrix-pass-1";
        for (Caller caller : List.of(Caller.ADMIN, Caller.MANAGER, Caller.AGENT, Caller.VIEWER, Caller.CUSTOM)) {
            String email = "matrix." + caller.name().toLowerCase() + "@acme.test";
            RealServers.keycloak().createUser(email, password, "Matrix", caller.name());
            people.put(caller, Stack.signIn(email, password));
        }
        people.put(Caller.OWNER, freshOwner());
        people.put(Caller.OUTSIDER, Stack.signIn("carol@globex.test", "carol-demo-pass"));
        operator = Stack.signIn(Stack.OPERATOR, Stack.OPERATOR_PASSWORD);
        stack.createOrg(people.get(Caller.OUTSIDER));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * The owner signed in through the login page just now: deleting the org and transferring ownership need a
     * token whose auth_time is at most 5 minutes old, which password-grant tokens do not carry.
     */
    static Person freshOwner() {
        String token = RealServers.keycloak().signInThroughLoginPage(OWNER_EMAIL, OWNER_PASSWORD).get("access_token").asString();
        return new Person(OWNER_EMAIL, token, Stack.signIn(OWNER_EMAIL, OWNER_PASSWORD).id());
    }

    /** An organization owned by alice with one member of each role, and helpers for per-cell targets. */
    static final class Fixture {
        final UUID org;
        final String customRoleId;

        Fixture() {
            Person owner = people.get(Caller.OWNER);
            // enough seats for the members every cell adds
            org = stack.createOrg(owner, Map.of("name", "Matrix", "plan", "ENTERPRISE", "seats", 1000));
            var role = Stack.JSON.readTree(stack.call("POST", "/api/orgs/" + org + "/roles", owner,
                    Map.of("name", "Auditor", "permissions", List.of("members:read", "audit:read", "roles:read"))).body());
            customRoleId = role.get("id").asString();
            join(people.get(Caller.ADMIN), "ADMIN");
            join(people.get(Caller.MANAGER), "MANAGER");
            join(people.get(Caller.AGENT), "AGENT");
            join(people.get(Caller.VIEWER), "VIEWER");
            join(people.get(Caller.CUSTOM), "custom:" + customRoleId);
            awaitInAPortal(people.get(Caller.MANAGER).id());
        }

        /**
         * Until org-service knows the member's portals: members invited without portals join the default portal
         * (the MANAGER as its portal MANAGER, agents as EMPLOYEEs), which is what puts an agent within the MANAGER's reach.
         */
        void awaitInAPortal(UUID userId) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> Stack.JSON.readTree(
                    stack.call("GET", "/api/orgs/" + org + "/members/" + userId, people.get(Caller.OWNER), null).body()).path("portals").size() > 0);
        }

        /**
         * The owner (signed in afresh for every row, so never with an expired token) invites {@code person}, who
         * accepts the mailed link while signed in; returns once the gateway lets them in.
         */
        void join(Person person, String role) {
            Person owner = people.get(Caller.OWNER);
            int mailsBefore = Stack.inviteLinks(person.email()).size();
            expect(stack.call("POST", "/api/orgs/" + org + "/invitations", owner, Map.of("email", person.email(), "role", role)).statusCode(), 201);
            await().atMost(Duration.ofSeconds(30)).until(() -> Stack.inviteLinks(person.email()).size() > mailsBefore);
            String token = Stack.inviteLinks(person.email()).getLast();
            expect(stack.call("POST", "/api/invitations/" + token + "/accept", person, null).statusCode(), 200);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() ->
                    stack.call("GET", "/api/orgs/" + org + "/members/" + person.id(), person, null).statusCode() == 200);
        }

        /** A fresh AGENT to act on: a verified account of its own, joined by invitation. */
        UUID agent() {
            String email = "victim-" + UUID.randomUUID() + "@acme.test";
            RealServers.keycloak().createUser(email, "victim-pass-1", "Victim", "Agent");
            Person victim = Stack.signIn(email, "victim-pass-1");
            join(victim, "AGENT");
            awaitInAPortal(victim.id());
            return victim.id();
        }

        UUID deactivatedAgent() {
            UUID id = agent();
            expect(stack.call("POST", "/api/orgs/" + org + "/members/" + id + "/deactivate", people.get(Caller.OWNER), null).statusCode(), 204);
            return id;
        }

        String freshRole() {
            var created = stack.call("POST", "/api/orgs/" + org + "/roles", people.get(Caller.OWNER),
                    Map.of("name", "Role " + UUID.randomUUID(), "permissions", List.of("contacts:read")));
            expect(created.statusCode(), 201);
            return Stack.JSON.readTree(created.body()).get("id").asString();
        }

        /** A pending transfer from alice to someone without an account, so that no caller here is its target. */
        void pendingTransfer() {
            Person owner = people.get(Caller.OWNER);
            stack.call("DELETE", "/api/orgs/" + org + "/ownership-transfer", owner, null);
            UUID target = agent();
            expect(stack.call("POST", "/api/orgs/" + org + "/ownership-transfer", owner, Map.of("toUserId", target.toString(), "stepDown", false))
                    .statusCode(), 201);
        }

        void noTransfer() {
            stack.call("DELETE", "/api/orgs/" + org + "/ownership-transfer", people.get(Caller.OWNER), null);
        }

        private static void expect(int actual, int expected) {
            if (actual != expected) {
                throw new IllegalStateException("fixture step answered " + actual + ", expected " + expected);
            }
        }
    }

    static final int OK = 200, CREATED = 201, NO_CONTENT = 204, BAD_REQUEST = 400, UNAUTHORIZED = 401, FORBIDDEN = 403, NOT_FOUND = 404,
            CONFLICT = 409;

    /** Columns: OWNER, ADMIN, MANAGER, AGENT, VIEWER, CUSTOM (members:read, audit:read, roles:read), OUTSIDER, NONE. */
    static List<Row> rows() {
        return List.of(
                new Row("GET /api/me/orgs", f -> new Cell("GET", "/api/me/orgs", null), OK, OK, OK, OK, OK, OK, OK, UNAUTHORIZED),
                new Row("POST /api/orgs", f -> new Cell("POST", "/api/orgs", Map.of("name", "Another")), CREATED, CREATED, CREATED, CREATED, CREATED, CREATED, CREATED, UNAUTHORIZED),
                new Row("GET /api/permissions", f -> new Cell("GET", "/api/permissions", null), OK, OK, OK, OK, OK, OK, OK, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}", f -> new Cell("GET", "/api/orgs/" + f.org, null), OK, OK, OK, OK, OK, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId} (name, timezone, phone)", f -> new Cell("PATCH", "/api/orgs/" + f.org, Map.of("timezone", "Europe/Paris")),
                        OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId} (billingEmail)", f -> new Cell("PATCH", "/api/orgs/" + f.org, Map.of("billingEmail", "billing@acme.test")),
                        OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId} (plan or seats: operators only)", f -> new Cell("PATCH", "/api/orgs/" + f.org, Map.of("plan", "ENTERPRISE")),
                        BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, BAD_REQUEST, NOT_FOUND, UNAUTHORIZED),
                new Row("PUT /api/operator/orgs/{orgId}/plan (realm role operator)", f -> new Cell("PUT", "/api/operator/orgs/" + f.org + "/plan",
                        Map.of("plan", "ENTERPRISE", "seats", 100000)),
                        FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/members", f -> new Cell("GET", "/api/orgs/" + f.org + "/members", null), OK, OK, OK, OK, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/members/{userId}", f -> new Cell("GET", "/api/orgs/" + f.org + "/members/" + people.get(Caller.OWNER).id(), null),
                        OK, OK, OK, OK, OK, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId}/members/{agent} (role VIEWER)", f -> new Cell("PATCH", "/api/orgs/" + f.org + "/members/" + f.agent(), Map.of("role", "VIEWER")),
                        OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId}/members/{agent} (role ADMIN)", f -> new Cell("PATCH", "/api/orgs/" + f.org + "/members/" + f.agent(), Map.of("role", "ADMIN")),
                        OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId}/members/{agent} (role OWNER)", f -> new Cell("PATCH", "/api/orgs/" + f.org + "/members/" + f.agent(), Map.of("role", "OWNER")),
                        OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/members/{agent}/deactivate", f -> new Cell("POST", "/api/orgs/" + f.org + "/members/" + f.agent() + "/deactivate", null),
                        NO_CONTENT, NO_CONTENT, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/members/{agent}/reactivate", f -> new Cell("POST", "/api/orgs/" + f.org + "/members/" + f.deactivatedAgent() + "/reactivate", null),
                        OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/orgs/{orgId}/members/{agent}", f -> new Cell("DELETE", "/api/orgs/" + f.org + "/members/" + f.agent(), null),
                        NO_CONTENT, NO_CONTENT, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/audit-log", f -> new Cell("GET", "/api/orgs/" + f.org + "/audit-log", null), OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("GET /api/orgs/{orgId}/roles", f -> new Cell("GET", "/api/orgs/" + f.org + "/roles", null), OK, OK, OK, FORBIDDEN, FORBIDDEN, OK, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/roles", f -> new Cell("POST", "/api/orgs/" + f.org + "/roles", Map.of("name", "R " + UUID.randomUUID(), "permissions", List.of("contacts:read"))),
                        CREATED, CREATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("PATCH /api/orgs/{orgId}/roles/{roleId}", f -> new Cell("PATCH", "/api/orgs/" + f.org + "/roles/" + f.freshRole(), Map.of("name", "R " + UUID.randomUUID())),
                        OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/orgs/{orgId}/roles/{roleId}", f -> new Cell("DELETE", "/api/orgs/" + f.org + "/roles/" + f.freshRole(), null),
                        NO_CONTENT, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/ownership-transfer", f -> {
                    f.noTransfer();
                    return new Cell("POST", "/api/orgs/" + f.org + "/ownership-transfer", Map.of("toUserId", f.agent().toString(), "stepDown", false));
                }, CREATED, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/orgs/{orgId}/ownership-transfer", f -> {
                    f.pendingTransfer();
                    return new Cell("DELETE", "/api/orgs/" + f.org + "/ownership-transfer", null);
                }, NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("POST /api/orgs/{orgId}/ownership-transfer/accept (not the target)", f -> {
                    f.pendingTransfer();
                    return new Cell("POST", "/api/orgs/" + f.org + "/ownership-transfer/accept", null);
                }, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/orgs/{orgId} (fresh sign-in; owner last)", f -> new Cell("DELETE", "/api/orgs/" + f.org, null),
                        NO_CONTENT, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED),
                new Row("DELETE /api/me/orgs/{orgId} (leave)", f -> new Cell("DELETE", "/api/me/orgs/" + f.org, null),
                        CONFLICT, NO_CONTENT, NO_CONTENT, NO_CONTENT, NO_CONTENT, NO_CONTENT, NOT_FOUND, UNAUTHORIZED));
    }

    /** Every kind of change the matrix made to the shared org is in its audit log, with actor and before/after. */
    private static void assertEveryChangeIsAudited(Fixture fixture) {
        List<tools.jackson.databind.JsonNode> entries = new ArrayList<>();
        String before = "";
        do {
            var page = Stack.JSON.readTree(stack.call("GET", "/api/orgs/" + fixture.org + "/audit-log?limit=200" + before,
                    people.get(Caller.OWNER), null).body());
            page.get("entries").forEach(entries::add);
            before = page.get("nextBefore").isNull() ? null : "&before=" + page.get("nextBefore").asLong();
        } while (before != null);
        List<String> actions = entries.stream().map(e -> e.get("action").asString()).distinct().toList();
        assertThat(actions).contains("org.created", "org.plan-changed", "org.updated", "member.joined", "member.role-changed", "member.deactivated",
                "member.reactivated", "member.removed", "role.created", "role.updated", "role.deleted",
                "ownership.transfer-requested", "ownership.transfer-cancelled");
        List<String> actors = List.of(people.get(Caller.OWNER).id().toString(), people.get(Caller.ADMIN).id().toString(),
                people.get(Caller.MANAGER).id().toString(), operator.id().toString());
        for (var entry : entries) {
            assertThat(entry.get("before").isObject() && entry.get("after").isObject()).as(entry.toString()).isTrue();
            // joining is the joiner's own act: member.joined, and portal-service's portal.member-added for the portal they join
            if (!List.of("member.joined", "portal.member-added").contains(entry.get("action").asString())) {
                assertThat(actors).as("actor of " + entry).contains(entry.get("actorId").asString());
            }
        }
    }

    @Test
    void everyOrgServiceEndpoint_asEveryKindOfCaller_throughTheGateway() throws Exception {
        Fixture shared = new Fixture();
        List<String> mismatches = new ArrayList<>();
        StringBuilder table = new StringBuilder("| endpoint | OWNER | ADMIN | MANAGER | AGENT | VIEWER | CUSTOM | OUTSIDER | NONE |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows()) {
            // a fresh sign-in for the owner, as org deletion and ownership transfer ask for one
            people.put(Caller.OWNER, freshOwner());
            boolean destroysOrg = row.endpoint().startsWith("DELETE /api/orgs/{orgId} (") || row.endpoint().contains("(leave)");
            Fixture fixture = destroysOrg ? new Fixture() : shared;
            Caller[] order = Caller.values();
            int[] actual = new int[order.length];
            // the owner goes last where its success would change what the others meet
            List<Caller> sequence = new ArrayList<>(List.of(order));
            if (destroysOrg) {
                sequence.remove(Caller.OWNER);
                sequence.add(Caller.OWNER);
            }
            for (Caller caller : sequence) {
                Cell cell = row.request().apply(fixture);
                actual[caller.ordinal()] = stack.call(cell.method(), cell.path(), people.get(caller), cell.body()).statusCode();
            }
            table.append("| ").append(row.endpoint().replace("|", "\\|")).append(" |");
            for (Caller caller : order) {
                int expected = row.expected()[caller.ordinal()];
                table.append(' ').append(expected).append(" |");
                if (actual[caller.ordinal()] != expected) {
                    mismatches.add(row.endpoint() + " as " + caller + ": expected " + expected + ", got " + actual[caller.ordinal()]);
                }
            }
            table.append('\n');
        }
        assertEveryChangeIsAudited(shared);
        Path written = Path.of("target/permission-matrix.md");
        Files.writeString(written, table.toString());
        assertThat(mismatches).as("cells that differ from the matrix").isEmpty();
        Path doc = Path.of(System.getProperty("switchboard.root", "..")).resolve("docs/permissions.md");
        assertThat(Files.readString(doc)).as("docs/permissions.md holds the tested matrix (see " + written.toAbsolutePath() + ")")
                .contains(table.toString());
    }
}
