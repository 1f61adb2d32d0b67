package io.switchboard.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * org.membership-state.v1 as org-service writes it through the outbox, against real PostgreSQL, Kafka and Keycloak:
 * every change of a membership or custom role is followed by its new state under its own key, a removal and a
 * deleted role by a tombstone, and an organization's deletion by a tombstone for every member and role it had.
 */
class MembershipStateTopicTest extends OrgIntegrationTest {

    @Test
    void everyChange_isFollowedByTheNewState_inOrder_andAnEndByATombstone() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, carol, "ADMIN", alice);
        api.changeRole(org, carol.id(), "MANAGER", alice).expectStatus().isOk();
        api.deactivate(org, carol.id(), alice).expectStatus().is2xxSuccessful();
        api.reactivate(org, carol.id(), alice).expectStatus().is2xxSuccessful();
        api.join(org, bob, "AGENT", alice);
        api.remove(org, carol.id(), alice).expectStatus().isNoContent();
        byte[] created = web.post().uri("/api/orgs/{org}/roles", org).header("Authorization", "Bearer " + alice.token())
                .bodyValue(Map.of("name", "Editors", "permissions", List.of("contacts:read"))).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        UUID roleId = UUID.fromString(OrgApi.JSON.readTree(created).get("role").asString().substring("custom:".length()));

        String carolsKey = Topics.membershipStateKey(org, carol.id());
        List<String> carols = await().atMost(Duration.ofSeconds(30)).until(() -> states(org, carolsKey), states -> states.size() >= 5);
        assertThat(carols).containsExactly("ADMIN ACTIVE", "MANAGER ACTIVE", "MANAGER DEACTIVATED", "MANAGER ACTIVE", "tombstone");
        assertThat(states(org, Topics.membershipStateKey(org, alice.id()))).containsExactly("OWNER ACTIVE");
        assertThat(states(org, Topics.membershipStateKey(org, bob.id()))).containsExactly("AGENT ACTIVE");
        String rolesKey = Topics.roleStateKey(org, roleId);
        await().atMost(Duration.ofSeconds(30)).until(() -> states(org, rolesKey), states -> states.equals(List.of("Editors [\"contacts:read\"]")));

        web.delete().uri("/api/orgs/{org}", org).header("Authorization", "Bearer " + OrgApi.freshSignIn("alice@acme.test", "alice-demo-pass").token())
                .exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(30)).until(() -> states(org, rolesKey), states -> states.size() == 2);
        assertThat(states(org, rolesKey)).last().isEqualTo("tombstone");
        assertThat(states(org, Topics.membershipStateKey(org, alice.id()))).containsExactly("OWNER ACTIVE", "tombstone");
        assertThat(states(org, Topics.membershipStateKey(org, bob.id()))).containsExactly("AGENT ACTIVE", "tombstone");
        // carol had been removed already: no second tombstone
        assertThat(states(org, carolsKey)).hasSize(5);
    }

    /** The records under this key, oldest first: "ROLE STATUS", a role's "name permissions", or "tombstone"; each value checked against its key. */
    private static List<String> states(UUID org, String key) {
        return OrgApi.EVENTS.records(Topics.ORG_MEMBERSHIP_STATE).stream()
                .filter(record -> key.equals(record.key()))
                .map(record -> describe(org, record))
                .toList();
    }

    private static String describe(UUID org, ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return "tombstone";
        }
        JsonNode envelope = OrgApi.JSON.readTree(record.value());
        assertThat(envelope.get("source").asString()).isEqualTo("org-service");
        assertThat(envelope.get("subject").asString()).isEqualTo(org.toString());
        JsonNode data = envelope.get("data");
        assertThat(data.get("orgId").asString()).isEqualTo(org.toString());
        if (envelope.get("type").asString().equals("org.role.state")) {
            assertThat(record.key()).isEqualTo(Topics.roleStateKey(org, UUID.fromString(data.get("roleId").asString())));
            return data.get("name").asString() + " " + data.get("permissions");
        }
        assertThat(envelope.get("type").asString()).isEqualTo("org.membership.state");
        assertThat(record.key()).isEqualTo(Topics.membershipStateKey(org, UUID.fromString(data.get("userId").asString())));
        return data.get("role").asString() + " " + data.get("status").asString();
    }
}
