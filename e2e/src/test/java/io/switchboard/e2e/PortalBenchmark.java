package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.Stack.Person;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two figures of issue 8, through the gateway with real tokens. Prints them; not part of the default run:
 * {@code ./mvnw -B verify -pl e2e -Dtest=PortalBenchmark}.
 *
 * <p>From {@code POST /api/orgs} returning 201 to the organization's default portal "Sales Portal" being listed by
 * {@code GET /api/orgs/{orgId}/portals} for its creator, through the gateway, over 100 organizations (goal: p99 at
 * most 1 s). The path: org-service's outbox relay → org.organizations.v1 → portal-service's inbox (default portal)
 * and org.membership-state.v1 → the gateway's and portal-service's membership projections (the creator may ask).
 *
 * <p>From {@code DELETE /api/orgs/{orgId}/members/{userId}} returning 204 to the removed member being out of both
 * of their portals and logged away in each (goal: within 1 s), over 30 removals.
 */
class PortalBenchmark {

    private static final int ORGS = 100;
    private static final int REMOVALS = 30;
    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = new Stack(true, true);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void orgCreatedToDefaultPortalListed() {
        Person alice = Stack.signIn("alice@acme.test", "alice-demo-pass");
        long[] micros = new long[ORGS];
        long[] createMicros = new long[ORGS];
        int polls = 0;
        for (int i = 0; i < ORGS; i++) {
            if (i % 40 == 0) {
                alice = Stack.signIn("alice@acme.test", "alice-demo-pass"); // tokens live 5 minutes
            }
            long start = System.nanoTime();
            HttpResponse<String> created = stack.call("POST", "/api/orgs", alice, Map.of("name", "Bench " + i + " " + UUID.randomUUID()));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long returned = System.nanoTime();
            createMicros[i] = (returned - start) / 1000;
            String path = "/api/orgs/" + Stack.JSON.readTree(created.body()).get("id").asString() + "/portals";
            while (!listsSalesPortal(stack.call("GET", path, alice, null))) {
                polls++;
                assertThat(System.nanoTime() - returned).as("listed within 10 s").isLessThan(Duration.ofSeconds(10).toNanos());
            }
            micros[i] = (System.nanoTime() - returned) / 1000;
        }
        Arrays.sort(micros);
        Arrays.sort(createMicros);
        System.out.printf("default portal over %d new organizations, POST /api/orgs returned -> \"Sales Portal\" listed: "
                        + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d extra list calls); POST /api/orgs itself: p50 %.1f ms, p99 %.1f ms%n",
                ORGS, micros[ORGS / 2 - 1] / 1000.0, micros[ORGS * 9 / 10 - 1] / 1000.0, micros[ORGS * 99 / 100 - 1] / 1000.0,
                micros[ORGS - 1] / 1000.0, polls, createMicros[ORGS / 2 - 1] / 1000.0, createMicros[ORGS * 99 / 100 - 1] / 1000.0);
    }

    @Test
    void removalToOutOfEveryPortalAndAway() {
        Person alice = Stack.signIn("alice@acme.test", "alice-demo-pass");
        Person bob = Stack.signIn("bob@acme.test", "bob-demo-pass");
        UUID org = stack.createOrg(alice);
        List<UUID> portals = new ArrayList<>();
        for (String name : List.of("Support", "Billing")) {
            HttpResponse<String> created = stack.call("POST", "/api/orgs/" + org + "/portals", alice, Map.of("name", name));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            portals.add(UUID.fromString(Stack.JSON.readTree(created.body()).get("id").asString()));
        }
        long[] micros = new long[REMOVALS];
        for (int i = 0; i < REMOVALS; i++) {
            alice = Stack.signIn("alice@acme.test", "alice-demo-pass");
            bob = Stack.signIn("bob@acme.test", "bob-demo-pass");
            stack.refreshOwner(org, "alice-demo-pass");
            stack.invitationAccepted(org, bob, "AGENT", portals);
            for (UUID portal : portals) {
                while (!inPortal(stack, alice, org, portal, bob.id())) {
                    Thread.onSpinWait();
                }
            }
            assertThat(stack.call("DELETE", "/api/orgs/" + org + "/members/" + bob.id(), alice, null).statusCode()).isEqualTo(204);
            long removed = System.nanoTime();
            for (UUID portal : portals) {
                while (inPortal(stack, alice, org, portal, bob.id()) || !loggedAwayOnRemoval(stack, alice, org, portal, bob.id())) {
                    assertThat(System.nanoTime() - removed).as("out within 10 s").isLessThan(Duration.ofSeconds(10).toNanos());
                }
            }
            micros[i] = (System.nanoTime() - removed) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("removal over %d members in 2 portals each, DELETE returned -> out of both portals and logged away in both: "
                        + "p50 %.1f ms, p90 %.1f ms, max %.1f ms%n", REMOVALS,
                micros[REMOVALS / 2 - 1] / 1000.0, micros[REMOVALS * 9 / 10 - 1] / 1000.0, micros[REMOVALS - 1] / 1000.0);
    }

    private static boolean inPortal(Stack stack, Person as, UUID org, UUID portal, UUID userId) {
        HttpResponse<String> members = stack.call("GET", "/api/orgs/" + org + "/portals/" + portal + "/members", as, null);
        assertThat(members.statusCode()).isEqualTo(200);
        for (JsonNode member : Stack.JSON.readTree(members.body())) {
            if (member.get("userId").asString().equals(userId.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean loggedAwayOnRemoval(Stack stack, Person as, UUID org, UUID portal, UUID userId) {
        JsonNode page = Stack.JSON.readTree(stack.call("GET", "/api/orgs/" + org + "/portals/" + portal + "/availability-log?limit=1&userId=" + userId,
                as, null).body());
        JsonNode entries = page.get("entries");
        return entries.size() > 0 && "MEMBER_REMOVED".equals(entries.get(0).get("reason").asString());
    }

    private static boolean listsSalesPortal(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return false;
        }
        for (JsonNode portal : Stack.JSON.readTree(response.body())) {
            if (portal.path("isDefault").asBoolean() && "Sales Portal".equals(portal.path("name").asString(null))) {
                return true;
            }
        }
        return false;
    }
}
