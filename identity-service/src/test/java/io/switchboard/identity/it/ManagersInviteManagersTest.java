package io.switchboard.identity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.org.OrganizationUpdated;
import io.switchboard.identity.organization.Organizations;
import io.switchboard.testing.SignedInUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8: whether a MANAGER may invite a MANAGER is the organization's setting (org.organization.updated's
 * managersMayInviteManagers, off from org.organization.created on). ADMIN and OWNER are never a MANAGER's to give.
 */
class ManagersInviteManagersTest extends IdentityIntegrationTest {

    @Autowired Organizations organizations;

    @Test
    void settingOff_managerCannotInviteManager_settingOn_can_andAdminStaysRefused() {
        Org org = org();
        SignedInUser manager = person("manager");
        join(org.id(), manager, "MANAGER");

        refused(invite(org, manager, address("mgr"), "MANAGER"));
        refused(invite(org, manager, address("adm"), "ADMIN"));
        refused(post("/api/orgs/" + org.id() + "/users", manager,
                Map.of("fullName", "Direct Manager", "email", address("direct"), "password", "initial-pass-1", "role", "MANAGER")));
        JsonNode batch = body(post("/api/orgs/" + org.id() + "/invitations/batch", manager,
                List.of(Map.of("email", address("b-agent"), "role", "AGENT"), Map.of("email", address("b-mgr"), "role", "MANAGER")))
                .expectStatus().isEqualTo(207));
        assertThat(batch.get(0).path("status").asInt()).isEqualTo(201);
        assertThat(batch.get(1).path("status").asInt()).isEqualTo(403);

        setting(org, true);

        UUID sales = UUID.randomUUID();
        UUID support = UUID.randomUUID();
        String email = address("mgr");
        JsonNode invitation = body(post("/api/orgs/" + org.id() + "/invitations", manager,
                Map.of("email", email, "role", "MANAGER", "portalIds", List.of(sales, support))).expectStatus().isCreated());
        assertThat(invitation.path("role").asString()).isEqualTo("MANAGER");
        assertThat(invitation.path("portalIds").valueStream().map(JsonNode::asString).toList()).containsExactly(sales.toString(), support.toString());
        refused(invite(org, manager, address("adm"), "ADMIN"));
        refused(invite(org, manager, address("own"), "OWNER"));

        // acceptance re-checks the rule with the setting, and the portals travel on to org-service
        String token = invitationToken(email, 1);
        post("/api/invitations/" + token + "/accept", null, Map.of("fullName", "New Manager", "password", "manager-pass-2026")).expectStatus().isOk();
        JsonNode accepted = accepted(invitation.path("id").asString());
        assertThat(accepted.path("role").asString()).isEqualTo("MANAGER");
        assertThat(accepted.path("portalIds").valueStream().map(JsonNode::asString).toList()).containsExactly(sales.toString(), support.toString());
    }

    @Test
    void settingTurnedOff_revokesManagersPendingManagerInvitations_butNotTheOwners() {
        Org org = org();
        SignedInUser manager = person("manager");
        join(org.id(), manager, "MANAGER");
        setting(org, true);
        String byManager = invited(org, manager, address("by-manager"), "MANAGER").get("id").asString();
        String agentByManager = invited(org, manager, address("agent"), "AGENT").get("id").asString();
        String byOwner = invited(org, org.owner(), address("by-owner"), "MANAGER").get("id").asString();

        setting(org, false);

        JsonNode revoked = JSON.readTree(EVENTS.await(Topics.IDENTITY_INVITATIONS, record -> {
            JsonNode envelope = JSON.readTree(record.value());
            return envelope.path("type").asString().equals(EventCatalog.INVITATION_REVOKED.name())
                    && envelope.path("data").path("invitationId").asString().equals(byManager);
        }, Duration.ofSeconds(30)).value());
        assertThat(revoked.path("data").path("reason").asString()).isEqualTo("INVITER_LOST_RIGHTS");
        assertThat(status(org, byManager)).isEqualTo("REVOKED");
        assertThat(status(org, agentByManager)).isEqualTo("PENDING");
        assertThat(status(org, byOwner)).isEqualTo("PENDING");
        refused(invite(org, manager, address("again"), "MANAGER"));
    }

    /** org-service's update of the org's settings; waits until identity-service has stored it. */
    private void setting(Org org, boolean managersMayInviteManagers) {
        EVENTS.publish(EventCatalog.ORGANIZATION_UPDATED, org.id(),
                new OrganizationUpdated(org.id(), org.name(), "GROWTH", 5, "UTC", managersMayInviteManagers));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> organizations.managersMayInviteManagers(org.id()).block() == managersMayInviteManagers);
    }

    private static void refused(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        response.expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").exists();
    }

    private static JsonNode accepted(String invitationId) {
        return JSON.readTree(EVENTS.await(Topics.IDENTITY_INVITATIONS, record -> {
            JsonNode envelope = JSON.readTree(record.value());
            return envelope.path("type").asString().equals(EventCatalog.INVITATION_ACCEPTED.name())
                    && envelope.path("data").path("invitationId").asString().equals(invitationId);
        }, Duration.ofSeconds(30)).value()).path("data");
    }

    private String status(Org org, String invitationId) {
        for (JsonNode invitation : body(web.get().uri("/api/orgs/{org}/invitations", org.id())
                .header("Authorization", org.owner().bearer()).exchange().expectStatus().isOk())) {
            if (invitation.get("id").asString().equals(invitationId)) {
                return invitation.get("status").asString();
            }
        }
        throw new AssertionError("no invitation " + invitationId);
    }
}
