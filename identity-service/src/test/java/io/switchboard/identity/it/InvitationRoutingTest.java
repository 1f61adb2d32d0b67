package io.switchboard.identity.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.routing.RoutingSetup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9: an invitation (or a direct creation) may carry the new member's routing setup; identity-service
 * stores it with the invitation and passes it on in identity.invitation.accepted, for routing-service.
 */
class InvitationRoutingTest extends IdentityIntegrationTest {

    @Test
    void theStoredRoutingSetup_travelsOnInvitationAccepted() {
        Org org = org();
        String email = address("routed");
        UUID client = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        Map<String, Object> routing = Map.of("channels", Map.of("SMS", 3, "LIVE_CHAT", 0), "clients", Map.of(client.toString(), List.of("SMS")),
                "teamIds", List.of(team.toString()));
        JsonNode invitation = body(post("/api/orgs/" + org.id() + "/invitations", org.owner(),
                Map.of("email", email, "role", "AGENT", "routing", routing)).expectStatus().isCreated());
        assertThat(invitation.path("routing").path("channels").path("SMS").asInt()).isEqualTo(3);
        String invitationId = invitation.path("id").asString();
        JsonNode listed = body(web.get().uri("/api/orgs/{org}/invitations", org.id()).header("Authorization", org.owner().bearer()).exchange()
                .expectStatus().isOk());
        assertThat(listed.valueStream().filter(item -> item.path("id").asString().equals(invitationId)).findFirst().orElseThrow()
                .path("routing").path("teamIds").get(0).asString()).as("stored with the invitation").isEqualTo(team.toString());

        String token = invitationToken(email, 1);
        post("/api/invitations/" + token + "/accept", null, Map.of("fullName", "Rita Routed", "password", "routed-pass-2026")).expectStatus().isOk();

        JsonNode accepted = accepted(data -> data.path("invitationId").asString().equals(invitationId));
        assertThat(JSON.treeToValue(accepted.path("routing"), RoutingSetup.class))
                .isEqualTo(new RoutingSetup(Map.of("SMS", 3, "LIVE_CHAT", 0), Map.of(client, List.of("SMS")), List.of(team)));
    }

    @Test
    void anInvitationWithoutRouting_carriesNull() {
        Org org = org();
        String email = address("plain");
        String invitationId = invited(org, org.owner(), email, "AGENT").path("id").asString();
        post("/api/invitations/" + invitationToken(email, 1) + "/accept", null, Map.of("fullName", "Pia Plain", "password", "plain-pass-2026"))
                .expectStatus().isOk();
        assertThat(accepted(data -> data.path("invitationId").asString().equals(invitationId)).path("routing").isNull()).isTrue();
    }

    @Test
    void directCreation_carriesItsRoutingSetup() {
        Org org = org();
        UUID team = UUID.randomUUID();
        String userId = body(post("/api/orgs/" + org.id() + "/users", org.owner(),
                Map.of("fullName", "Dora Direct", "email", address("direct"), "password", "initial-pass-1", "role", "AGENT",
                        "routing", Map.of("channels", Map.of("EMAIL", 5), "teamIds", List.of(team.toString()))))
                .expectStatus().isCreated()).path("userId").asString();
        JsonNode routing = accepted(data -> data.path("userId").asString().equals(userId)).path("routing");
        assertThat(routing.path("channels").path("EMAIL").asInt()).isEqualTo(5);
        assertThat(routing.path("teamIds").get(0).asString()).isEqualTo(team.toString());
    }

    @Test
    void aBadRoutingSetup_isRefusedBeforeAnythingIsStored() {
        Org org = org();
        JsonNode problem = body(post("/api/orgs/" + org.id() + "/invitations", org.owner(),
                Map.of("email", address("bad"), "role", "AGENT", "routing", Map.of("channels", Map.of("FAX", 1)))).expectStatus().isBadRequest());
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("routing.channels.FAX");
        assertThat(body(web.get().uri("/api/orgs/{org}/invitations", org.id()).header("Authorization", org.owner().bearer()).exchange()
                .expectStatus().isOk()).size()).isZero();
    }

    private static JsonNode accepted(Predicate<JsonNode> data) {
        return JSON.readTree(EVENTS.await(Topics.IDENTITY_INVITATIONS, record -> {
            JsonNode envelope = JSON.readTree(record.value());
            return envelope.path("type").asString().equals(EventCatalog.INVITATION_ACCEPTED.name()) && data.test(envelope.path("data"));
        }, Duration.ofSeconds(30)).value()).path("data");
    }
}
