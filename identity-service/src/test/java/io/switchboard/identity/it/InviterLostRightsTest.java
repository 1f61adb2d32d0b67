package io.switchboard.identity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.identity.inbound.MembershipEventsListener;
import io.switchboard.testing.SignedInUser;
import io.switchboard.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Finding 5: pending invitations do not outlive the inviter's right to send them. Membership events from
 * org-service revoke them (identity.invitation.revoked, INVITER_LOST_RIGHTS); acceptance re-checks the rule.
 */
class InviterLostRightsTest extends IdentityIntegrationTest {

    @Autowired KafkaListenerEndpointRegistry listeners;

    @Test
    void demotedManagersPendingInvitations_theyCouldNoLongerSend_areRevoked_andTheLinkIsGone() {
        Org org = org();
        SignedInUser manager = person("manager");
        join(org.id(), manager, "MANAGER");
        String agentEmail = address("agent");
        String invitationId = invited(org, manager, agentEmail, "AGENT").get("id").asString();
        String token = invitationToken(agentEmail, 1);
        String ownersInvitation = invited(org, org.owner(), address("by-owner"), "AGENT").get("id").asString();

        EVENTS.publish(EventCatalog.MEMBER_ROLE_CHANGED, org.id(), new MemberRoleChanged(org.id(), manager.id(), "MANAGER", "VIEWER"));

        JsonNode revoked = awaitRevoked(invitationId);
        assertThat(revoked.path("data").path("reason").asString()).isEqualTo("INVITER_LOST_RIGHTS");
        assertThat(revoked.path("data").path("invitedBy").asString()).isEqualTo(manager.id().toString());
        assertThat(revoked.path("actor").asString()).isEqualTo("system");
        assertThat(revoked.path("source").asString()).isEqualTo("identity-service");
        web.get().uri("/api/invitations/{token}", token).exchange().expectStatus().isEqualTo(410);
        assertThat(status(org, ownersInvitation)).as("the owner's own invitation stands").isEqualTo("PENDING");
    }

    @Test
    void removedOrDeactivatedInviter_losesEveryPendingInvitation() {
        Org org = org();
        SignedInUser admin = person("admin");
        join(org.id(), admin, "ADMIN");
        String first = invited(org, admin, address("a"), "VIEWER").get("id").asString();
        SignedInUser other = person("admin2");
        join(org.id(), other, "ADMIN");
        String second = invited(org, other, address("b"), "MANAGER").get("id").asString();

        EVENTS.publish(EventCatalog.MEMBER_REMOVED, org.id(), new MemberRemoved(org.id(), admin.id()));
        EVENTS.publish(EventCatalog.MEMBER_DEACTIVATED, org.id(), new MemberDeactivated(org.id(), other.id()));

        awaitRevoked(first);
        awaitRevoked(second);
        assertThat(status(org, first)).isEqualTo("REVOKED");
        assertThat(status(org, second)).isEqualTo("REVOKED");
    }

    @Test
    void acceptingAfterTheInviterLostTheRight_isRefused_evenBeforeTheRevocationArrives() {
        Org org = org();
        SignedInUser manager = person("manager");
        join(org.id(), manager, "MANAGER");
        String email = address("agent");
        String invitationId = invited(org, manager, email, "AGENT").get("id").asString();
        String token = invitationToken(email, 1);

        var revoker = listeners.getListenerContainer(MembershipEventsListener.CONSUMER);
        revoker.stop();
        try {
            EVENTS.publish(EventCatalog.MEMBER_REMOVED, org.id(), new MemberRemoved(org.id(), manager.id()));
            await().atMost(Duration.ofSeconds(20)).until(() -> memberships.find(org.id(), manager.id()).filter(m -> !m.isActive()).isPresent());

            post("/api/invitations/" + token + "/accept", null, Map.of("fullName", "Too Late", "password", "too-late-2026"))
                    .expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/inviter-lost-rights");
        } finally {
            revoker.start();
        }
        awaitRevoked(invitationId);
    }

    @Test
    void replayedOldDemotion_doesNotRevokeInvitationsSentAfterIt() {
        Org org = org();
        SignedInUser manager = person("manager");
        join(org.id(), manager, "MANAGER");
        String later = invited(org, manager, address("later"), "AGENT").get("id").asString();
        SignedInUser sentinel = person("sentinel");
        join(org.id(), sentinel, "ADMIN");
        String sentinelsInvitation = invited(org, sentinel, address("sentinel"), "VIEWER").get("id").asString();

        // an hour-old demotion (a replay, say): the invitation sent after it was checked against later rights
        Events.Envelope old = Events.envelope(EventCatalog.MEMBER_ROLE_CHANGED, org.id(), new MemberRoleChanged(org.id(), manager.id(), "MANAGER", "VIEWER"));
        EVENTS.publish(new Events.Envelope(old.topic(), old.key(), old.id(), old.type(), old.source(), Instant.now().minus(Duration.ofHours(1)),
                old.subject(), old.actor(), old.dataschema(), old.data()));
        EVENTS.publish(EventCatalog.MEMBER_REMOVED, org.id(), new MemberRemoved(org.id(), sentinel.id()));

        awaitRevoked(sentinelsInvitation); // same org, same partition: the old demotion was handled before this
        assertThat(status(org, later)).isEqualTo("PENDING");
    }

    @Test
    void userRevocation_publishesRevokedByUser_andReleasesTheSeat() {
        Org org = org();
        String invitationId = invited(org, org.owner(), address("revoke-me"), "AGENT").get("id").asString();
        web.delete().uri("/api/orgs/{org}/invitations/{id}", org.id(), invitationId)
                .header("Authorization", org.owner().bearer()).exchange().expectStatus().isNoContent();

        JsonNode revoked = awaitRevoked(invitationId);
        assertThat(revoked.path("data").path("reason").asString()).isEqualTo("REVOKED_BY_USER");
        assertThat(revoked.path("actor").asString()).isEqualTo(org.owner().id().toString());
        assertThat(ORG_SERVICE.calls(org.id())).anySatisfy(call -> {
            assertThat(call.method()).isEqualTo("DELETE");
            assertThat(call.path()).endsWith("/seat-reservations/" + invitationId);
        });
    }

    private static JsonNode awaitRevoked(String invitationId) {
        ConsumerRecord<String, String> record = EVENTS.await(Topics.IDENTITY_INVITATIONS, r -> {
            JsonNode envelope = JSON.readTree(r.value());
            return envelope.path("type").asString().equals(EventCatalog.INVITATION_REVOKED.name())
                    && envelope.path("data").path("invitationId").asString().equals(invitationId);
        }, Duration.ofSeconds(30));
        return JSON.readTree(record.value());
    }

    private String status(Org org, String invitationId) {
        JsonNode all = body(web.get().uri("/api/orgs/{org}/invitations", org.id())
                .header("Authorization", org.owner().bearer()).exchange().expectStatus().isOk());
        for (JsonNode invitation : all) {
            if (invitation.get("id").asString().equals(invitationId)) {
                return invitation.get("status").asString();
            }
        }
        throw new AssertionError("no invitation " + invitationId);
    }
}
