package io.switchboard.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.Topics;
import io.switchboard.testing.Events;
import io.switchboard.testing.SignedInUser;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Ownership transfer with real Keycloak tokens; the service's clock is moved to make sign-ins stale. */
class OwnershipTransferTest extends OrgIntegrationTest {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    static final Map<String, String> PASSWORDS = Map.of("alice@acme.test", "alice-demo-pass", "bob@acme.test", "bob-demo-pass",
            "carol@globex.test", "carol-demo-pass");

    @Autowired Clock clock;

    @AfterEach
    void resetClock() {
        ((MovableClock) clock).reset();
    }

    @Test
    void fullCycle_targetAccepts_becomesPrimaryOwner_previousOwnerStaysCoOwner() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, bob, "ADMIN", alice);

        request(org, alice, bob.id(), false).expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("PENDING");
        // from the topic: the outbox row loses its payload once the relay has sent it
        try (Events events = Events.onSharedBroker()) {
            assertThat(events.await(Topics.NOTIFICATION_EMAIL_REQUESTS, record -> org.toString().equals(record.key())
                    && record.value().contains("\"kind\":\"ownership-transfer\""), Duration.ofSeconds(20)).value())
                    .contains("\"to\":\"bob@acme.test\"").contains("\"kind\":\"ownership-transfer\"").contains("primary owner");
        }
        api.get("/api/orgs/" + org + "/ownership-transfer", bob).expectStatus().isOk()
                .expectBody().jsonPath("$.toUserId").isEqualTo(bob.id().toString());
        accept(org, bob).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ACCEPTED");

        api.get("/api/orgs/" + org, bob).expectStatus().isOk().expectBody().jsonPath("$.primaryOwnerId").isEqualTo(bob.id().toString());
        assertThat(api.role(org, bob.id(), bob)).isEqualTo("OWNER");
        assertThat(api.role(org, alice.id(), bob)).isEqualTo("OWNER");
        // no longer primary, alice may now leave: bob keeps the org owned
        web.delete().uri("/api/me/orgs/{org}", org).header("Authorization", "Bearer " + alice.token()).exchange().expectStatus().isNoContent();
        api.get("/api/orgs/" + org + "/audit-log", bob).expectStatus().isOk().expectBody()
                .jsonPath("$.entries[0].action").isEqualTo("member.left")
                .jsonPath("$.entries[1].action").isEqualTo("ownership.transferred")
                .jsonPath("$.entries[1].before.primaryOwnerId").isEqualTo(alice.id().toString())
                .jsonPath("$.entries[1].after.primaryOwnerId").isEqualTo(bob.id().toString());
    }

    @Test
    void previousOwner_whoChoseToStepDown_becomesAdmin() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, carol, "AGENT", alice);
        request(org, alice, carol.id(), true).expectStatus().isCreated();
        accept(org, carol).expectStatus().isOk();
        assertThat(api.role(org, alice.id(), carol)).isEqualTo("ADMIN");
        assertThat(api.role(org, carol.id(), carol)).isEqualTo("OWNER");
    }

    @Test
    void tokenWithStaleAuthTime_isRefused_forTransferAndOrgDeletion() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, bob, "ADMIN", alice);
        SignedInUser signedIn = fresh(alice);
        ((MovableClock) clock).moveForward(Duration.ofMinutes(6));

        requestWith(org, signedIn, bob.id(), false).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/reauthentication-required");
        web.delete().uri("/api/orgs/{org}", org).header("Authorization", "Bearer " + signedIn.token()).exchange().expectStatus().isUnauthorized();
        api.get("/api/orgs/" + org, alice).expectStatus().isOk();

        ((MovableClock) clock).reset();
        requestWith(org, signedIn, bob.id(), false).expectStatus().isCreated();
    }

    /** Before: a token without auth_time counted as signed in at its iat, so any fresh or refreshed token passed. */
    @Test
    void tokenWithoutAuthTime_isRefusedForOwnershipTransfer() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, bob, "ADMIN", alice);
        // a password-grant token, issued this second, but silent on when the person last entered a password
        SignedInUser justIssued = OrgApi.signIn("alice@acme.test", "alice-demo-pass");
        assertThat(OrgApi.claims(justIssued.token()).has("auth_time")).isFalse();

        requestWith(org, justIssued, bob.id(), false).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/reauthentication-required");
        web.delete().uri("/api/orgs/{org}", org).header("Authorization", "Bearer " + justIssued.token()).exchange()
                .expectStatus().isUnauthorized();
        api.get("/api/orgs/" + org + "/ownership-transfer", alice).expectStatus().isNotFound();
    }

    @Test
    void expiredTransfer_cannotBeAccepted_andANewOneCanBeAsked() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, bob, "ADMIN", alice);
        request(org, alice, bob.id(), false).expectStatus().isCreated();

        ((MovableClock) clock).moveForward(Duration.ofDays(7).plusMinutes(1));
        accept(org, bob).expectStatus().isEqualTo(410)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/transfer-expired");
        assertThat(api.role(org, bob.id(), alice)).isEqualTo("ADMIN");
        ((MovableClock) clock).reset();
        api.get("/api/orgs/" + org, alice).expectStatus().isOk().expectBody().jsonPath("$.primaryOwnerId").isEqualTo(alice.id().toString());
    }

    @Test
    void cancelledTransfer_cannotBeAccepted_andOnlyThePrimaryOwnerMayAsk() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, bob, "ADMIN", alice);
        api.join(org, carol, "ADMIN", alice);
        api.changeRole(org, carol.id(), "OWNER", alice).expectStatus().isOk();

        request(org, carol, bob.id(), false).expectStatus().isForbidden();
        request(org, bob, carol.id(), false).expectStatus().isForbidden();
        request(org, alice, UUID.randomUUID(), false).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("toUserId");

        request(org, alice, bob.id(), false).expectStatus().isCreated();
        request(org, alice, carol.id(), false).expectStatus().isEqualTo(409);
        web.delete().uri("/api/orgs/{org}/ownership-transfer", org).header("Authorization", "Bearer " + alice.token()).exchange()
                .expectStatus().isNoContent();
        accept(org, bob).expectStatus().isNotFound();
        accept(org, carol).expectStatus().isNotFound();
    }

    /** Transfers need a fresh sign-in: {@code as} signs in again through the login page first. */
    private WebTestClient.ResponseSpec request(UUID org, SignedInUser as, UUID to, boolean stepDown) {
        return requestWith(org, fresh(as), to, stepDown);
    }

    private static SignedInUser fresh(SignedInUser person) {
        return OrgApi.freshSignIn(person.email(), PASSWORDS.get(person.email()));
    }

    private WebTestClient.ResponseSpec requestWith(UUID org, SignedInUser as, UUID to, boolean stepDown) {
        return web.post().uri("/api/orgs/{org}/ownership-transfer", org).header("Authorization", "Bearer " + as.token())
                .bodyValue(Map.of("toUserId", to.toString(), "stepDown", stepDown)).exchange();
    }

    private WebTestClient.ResponseSpec accept(UUID org, SignedInUser as) {
        return web.post().uri("/api/orgs/{org}/ownership-transfer/accept", org).header("Authorization", "Bearer " + as.token()).exchange();
    }
}
