package io.switchboard.identity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testing.SignedInUser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Finding 7: seats are reserved with identity-service's own client-credentials token, never the inviter's.
 * Finding 9: invitations and resends are limited per org, per inviter, per recipient (429 + Retry-After).
 * Finding 4: a deactivated member is not reactivated by an invitation.
 */
class SeatsAndLimitsTest extends IdentityIntegrationTest {

    @Test
    void seatReservation_carriesTheServiceIdentity_notTheInvitersToken() {
        Org org = org();
        String id = invited(org, org.owner(), address("seat"), "AGENT").get("id").asString();

        FakeOrgService.Call call = ORG_SERVICE.calls(org.id()).getFirst();
        assertThat(call.method()).isEqualTo("PUT");
        assertThat(call.path()).isEqualTo("/internal/orgs/" + org.id() + "/seat-reservations/" + id);
        assertThat(call.authorization()).startsWith("Bearer ").isNotEqualTo(org.owner().bearer());
        var claims = SignedInUser.claims(call.authorization().substring("Bearer ".length()));
        assertThat(claims.path("azp").asString()).isEqualTo("identity-service");
        assertThat(claims.path("realm_access").path("roles").toString()).contains("seat-reserver");
        assertThat(call.body()).contains("\"role\":\"AGENT\"").contains("\"invitedBy\":\"" + org.owner().id() + "\"").contains("\"expiresAt\"");
    }

    @Test
    void serviceToken_isFetchedOnce_andReusedForLaterCalls() {
        Org org = org();
        invited(org, org.owner(), address("first"), "VIEWER");
        invited(org, org.owner(), address("second"), "VIEWER");
        var calls = ORG_SERVICE.calls(org.id());
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).authorization()).isEqualTo(calls.get(0).authorization());
    }

    @Test
    void fullPlan_refusesTheInvitation_withOrgServicesAnswer() {
        Org org = org();
        ORG_SERVICE.full(org.id());
        invite(org, org.owner(), address("no-seat"), "AGENT").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/seat-limit-reached")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("upgrade your plan"));
    }

    @Test
    void resendingAgainWithinTenMinutes_is429WithRetryAfter() {
        Org org = org();
        String email = address("resend");
        String id = invited(org, org.owner(), email, "AGENT").get("id").asString();
        String resend = "/api/orgs/" + org.id() + "/invitations/" + id + "/resend";

        post(resend, org.owner(), null).expectStatus().isOk();
        post(resend, org.owner(), null).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/resend-too-soon");
    }

    @Test
    void invitingBeyondTheOrgsDailyCap_is429_untilTheWindowMoves() {
        Org org = org();
        for (int i = 0; i < 6; i++) {
            invite(org, org.owner(), address("cap-" + i), "VIEWER").expectStatus().isCreated();
        }
        invite(org, org.owner(), address("cap-7"), "VIEWER").expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/org-mail-limit");
    }

    @Test
    void mailBombingOneAddress_fromSeveralOrgs_stopsAtTheRecipientCap() {
        String target = address("bombed");
        for (int i = 0; i < 3; i++) {
            Org org = org();
            invite(org, org.owner(), target, "VIEWER").expectStatus().isCreated();
        }
        Org another = org();
        invite(another, another.owner(), target, "VIEWER").expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/recipient-mail-limit");
        post("/api/signup", null, Map.of("email", target, "password", "bomb-pass-2026", "fullName", "X")).expectStatus().isEqualTo(429);
    }

    @Test
    void invitingADeactivatedMember_is409_andDoesNotReactivateThem() {
        Org org = org();
        SignedInUser member = person("deactivated");
        join(org.id(), member, "AGENT");
        EVENTS.publish(io.switchboard.events.EventCatalog.MEMBER_DEACTIVATED, org.id(),
                new io.switchboard.events.org.MemberDeactivated(org.id(), member.id()));
        await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> memberships.find(org.id(), member.id()).filter(m -> !m.isActive()).isPresent());
        invite(org, org.owner(), member.email(), "OWNER").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/member-deactivated");
    }

    @Test
    void secondPendingInvitationForOneAddress_is409_andItsSeatIsReleased() {
        Org org = org();
        String email = address("twice");
        invited(org, org.owner(), email, "AGENT");
        invite(org, org.owner(), email.toUpperCase(), "VIEWER").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/invitation-pending");
        var calls = ORG_SERVICE.calls(org.id());
        assertThat(calls).extracting(FakeOrgService.Call::method).containsExactly("PUT", "PUT", "DELETE");
        assertThat(calls.get(2).path()).isEqualTo(calls.get(1).path());
    }

    @Test
    void otherOrgsInvitationIds_answer404() {
        Org mine = org();
        Org theirs = org();
        String id = invited(theirs, theirs.owner(), address("theirs"), "VIEWER").get("id").asString();
        post("/api/orgs/" + mine.id() + "/invitations/" + id + "/resend", mine.owner(), null).expectStatus().isNotFound();
        web.delete().uri("/api/orgs/{org}/invitations/{id}", mine.id(), id).header("Authorization", mine.owner().bearer()).exchange()
                .expectStatus().isNotFound();
    }
}
