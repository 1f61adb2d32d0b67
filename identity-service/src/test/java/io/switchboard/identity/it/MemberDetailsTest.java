package io.switchboard.identity.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.identity.keycloak.KeycloakAccounts;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Finding 12: the invitation's first name, last name and phone reach the look-up, the account and the accepted event. */
class MemberDetailsTest extends IdentityIntegrationTest {

    @Autowired KeycloakAccounts accounts;

    @Test
    void invitationDetails_prefillTheLookup_andTravelToTheAccountAndTheAcceptedEvent() {
        Org org = org();
        String email = address("dana");
        String invitationId = body(post("/api/orgs/" + org.id() + "/invitations", org.owner(),
                Map.of("email", email, "role", "AGENT", "firstName", "Dana", "lastName", "Agent", "phone", "+1 555 0100"))
                .expectStatus().isCreated()).get("id").asString();
        String token = invitationToken(email, 1);

        web.get().uri("/api/invitations/{token}", token).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.firstName").isEqualTo("Dana").jsonPath("$.lastName").isEqualTo("Agent").jsonPath("$.phone").isEqualTo("+1 555 0100");
        UUID userId = UUID.fromString(body(post("/api/invitations/accept", null,
                Map.of("token", token, "firstName", "Dana", "lastName", "Agent", "password", "dana-pass-2026")).expectStatus().isOk())
                .get("userId").asString());

        JsonNode accepted = JSON.readTree(EVENTS.await(Topics.IDENTITY_INVITATIONS, record -> {
            JsonNode envelope = JSON.readTree(record.value());
            return envelope.path("type").asString().equals(EventCatalog.INVITATION_ACCEPTED.name())
                    && envelope.path("data").path("invitationId").asString().equals(invitationId);
        }, Duration.ofSeconds(30)).value()).path("data");
        assertThat(accepted.path("firstName").asString()).isEqualTo("Dana");
        assertThat(accepted.path("lastName").asString()).isEqualTo("Agent");
        assertThat(accepted.path("phone").asString()).isEqualTo("+1 555 0100");
        assertThat(accepted.path("displayName").asString()).isEqualTo("Dana Agent");
        assertThat(accounts.phone(userId).block()).as("the phone is stored with the account").contains("+1 555 0100");
    }
}
