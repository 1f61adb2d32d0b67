package io.switchboard.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The owner guards and escalation rules, against real PostgreSQL, Kafka and Keycloak tokens. */
class MembershipGuardsTest extends OrgIntegrationTest {

    @Test
    void twoOwnersRemovingAndDemotingEachOtherAtOnce_leaveExactlyOneOwner_50Times() throws Exception {
        OrgApi api = new OrgApi(web);
        for (int round = 0; round < 50; round++) {
            UUID org = api.createOrg(alice, "GROWTH");
            api.join(org, carol, "ADMIN", alice);
            api.changeRole(org, carol.id(), "OWNER", alice).expectStatus().isOk();

            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Integer> aliceRemovesCarol = CompletableFuture.supplyAsync(() -> {
                await(start);
                return status(api.remove(org, carol.id(), alice));
            });
            CompletableFuture<Integer> carolDemotesAlice = CompletableFuture.supplyAsync(() -> {
                await(start);
                return status(api.changeRole(org, alice.id(), "ADMIN", carol));
            });
            assertThat(aliceRemovesCarol.get()).isEqualTo(204);
            // carol either lost her access first (404) or hit the primary-owner guard (409); never 200
            assertThat(carolDemotesAlice.get()).isIn(404, 409);
            assertThat(activeOwners(org)).as("round " + round).containsExactly(alice.id());
        }
    }

    @Test
    void lastOwner_cannotLeave_beRemoved_orBeDemoted_evenWhenTwoAdminsRace_50Times() throws Exception {
        OrgApi api = new OrgApi(web);
        for (int round = 0; round < 50; round++) {
            UUID org = api.createOrg(carol, "GROWTH");
            api.join(org, alice, "ADMIN", carol);
            api.changeRole(org, alice.id(), "OWNER", carol).expectStatus().isOk();
            // two co-owners race to demote themselves and each other; the org keeps at least one owner
            CyclicBarrier start = new CyclicBarrier(3);
            List<CompletableFuture<Integer>> racing = new ArrayList<>();
            racing.add(CompletableFuture.supplyAsync(() -> { await(start); return status(api.changeRole(org, alice.id(), "ADMIN", alice)); }));
            racing.add(CompletableFuture.supplyAsync(() -> { await(start); return status(api.remove(org, alice.id(), carol)); }));
            racing.add(CompletableFuture.supplyAsync(() -> { await(start); return status(web.delete().uri("/api/me/orgs/{org}", org)
                    .header("Authorization", "Bearer " + alice.token()).exchange()); }));
            for (CompletableFuture<Integer> f : racing) {
                assertThat(f.get()).isIn(200, 204, 404, 409);
            }
            assertThat(activeOwners(org)).as("round " + round).isNotEmpty();
        }
    }

    @Test
    void soleOwner_cannotLeave_andGetsAProblemNamingWhy() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "FREE_TRIAL");
        web.delete().uri("/api/me/orgs/{org}", org).header("Authorization", "Bearer " + alice.token()).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").value(type -> assertThat(type.toString()).endsWith("/primary-owner"));
        assertThat(activeOwners(org)).containsExactly(alice.id());
    }

    @Test
    void escalation_isRefused_managerCannotMakeAdmins_agentCannotManage() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "SCALE");
        api.join(org, carol, "MANAGER", alice);
        api.join(org, bob, "AGENT", alice);
        // carol manages the portal bob works in, so bob is within her reach
        UUID portal = UUID.randomUUID();
        api.putInPortal(org, portal, carol.id(), "MANAGER", alice);
        api.putInPortal(org, portal, bob.id(), "EMPLOYEE", alice);
        api.changeRole(org, bob.id(), "ADMIN", carol).expectStatus().isForbidden();
        api.changeRole(org, bob.id(), "VIEWER", carol).expectStatus().isOk();
        api.changeRole(org, carol.id(), "OWNER", bob).expectStatus().isForbidden();
        api.changeRole(org, alice.id(), "AGENT", carol).expectStatus().isForbidden();
        assertThat(api.role(org, bob.id(), alice)).isEqualTo("VIEWER");
        assertThat(api.role(org, alice.id(), alice)).isEqualTo("OWNER");
    }

    @Test
    void strangers_getNotFound_forAnotherOrgsIds() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.get("/api/orgs/" + org, bob).expectStatus().isNotFound();
        api.get("/api/orgs/" + org + "/members", bob).expectStatus().isNotFound();
        api.get("/api/orgs/" + org + "/audit-log", bob).expectStatus().isNotFound();
        api.changeRole(org, alice.id(), "VIEWER", bob).expectStatus().isNotFound();
    }

    @Test
    void seatLimit_holds_whenRoleChangesWouldExceedIt() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "FREE_TRIAL");
        api.join(org, carol, "AGENT", alice);
        api.join(org, bob, "VIEWER", alice);
        api.changeRole(org, bob.id(), "AGENT", alice).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.seatLimit").isEqualTo(1).jsonPath("$.seatsTaken").isEqualTo(1)
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).endsWith("Need more seats? Contact support or upgrade your plan."));
        assertThat(api.role(org, bob.id(), alice)).isEqualTo("VIEWER");
    }

    @Test
    void auditLog_recordsEveryChange_withActorAndBeforeAfter() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, bob, "AGENT", alice);
        api.changeRole(org, bob.id(), "MANAGER", alice).expectStatus().isOk();
        api.remove(org, bob.id(), alice).expectStatus().isNoContent();
        web.get().uri("/api/orgs/{org}/audit-log", org).header("Authorization", "Bearer " + alice.token()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries[0].action").isEqualTo("member.removed")
                .jsonPath("$.entries[0].actorId").isEqualTo(alice.id().toString())
                .jsonPath("$.entries[0].before.status").isEqualTo("ACTIVE")
                .jsonPath("$.entries[0].after.status").isEqualTo("REMOVED")
                .jsonPath("$.entries[1].action").isEqualTo("member.role-changed")
                .jsonPath("$.entries[1].before.role").isEqualTo("AGENT")
                .jsonPath("$.entries[1].after.role").isEqualTo("MANAGER")
                .jsonPath("$.entries[2].action").isEqualTo("member.joined")
                .jsonPath("$.entries[3].action").isEqualTo("org.plan-changed")
                .jsonPath("$.entries[4].action").isEqualTo("org.created");
        assertThat(db.sql("update audit_log set action = 'tampered' where org_id = :org").bind("org", org)
                .fetch().rowsUpdated().onErrorReturn(-1L).block(Duration.ofSeconds(5))).isEqualTo(-1L);
    }

    @Test
    void customRoles_grantOnlyWhatTheirCreatorHolds_andApplyToMembers() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "SCALE");
        api.join(org, carol, "MANAGER", alice);
        api.join(org, bob, "AGENT", alice);
        byte[] created = web.post().uri("/api/orgs/{org}/roles", org).header("Authorization", "Bearer " + alice.token())
                .bodyValue(java.util.Map.of("name", "Campaign editor", "permissions", List.of("campaigns:read", "campaigns:write")))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        String role = OrgApi.JSON.readTree(created).get("role").asString();

        api.changeRole(org, bob.id(), role, alice).expectStatus().isOk()
                .expectBody().jsonPath("$.permissions").value(p -> assertThat(p.toString()).contains("campaigns:write").doesNotContain("members:read"));
        // a manager manages agents and viewers only, and cannot create a role stronger than itself
        api.changeRole(org, bob.id(), "AGENT", carol).expectStatus().isForbidden();
        web.post().uri("/api/orgs/{org}/roles", org).header("Authorization", "Bearer " + carol.token())
                .bodyValue(java.util.Map.of("name", "Sneaky", "permissions", List.of("settings:write"))).exchange()
                .expectStatus().isForbidden();
        web.post().uri("/api/orgs/{org}/roles", org).header("Authorization", "Bearer " + alice.token())
                .bodyValue(java.util.Map.of("name", "Typo", "permissions", List.of("campaigns:wirte"))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("permissions");
        web.delete().uri("/api/orgs/{org}/roles/{id}", org, role.substring("custom:".length())).header("Authorization", "Bearer " + alice.token())
                .exchange().expectStatus().isEqualTo(409);
        web.get().uri("/api/permissions").header("Authorization", "Bearer " + bob.token()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.builtInRoles.VIEWER").isArray();
    }

    private List<UUID> activeOwners(UUID org) {
        return db.sql("select user_id from memberships where org_id = :org and status = 'ACTIVE' and role = 'OWNER'")
                .bind("org", org).map(row -> row.get(0, UUID.class)).all().collectList().block();
    }

    private static int status(WebTestClient.ResponseSpec response) {
        return response.returnResult(byte[].class).getStatus().value();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
