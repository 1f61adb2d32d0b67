package io.switchboard.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.billing.BillingPlanChanged;
import io.switchboard.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Plans, seats and organization settings: who may choose them, and who may read them. */
class PlanAndSettingsTest extends OrgIntegrationTest {

    @Test
    void selfChosenEnterprisePlanWithHundredThousandSeats_isRefused() {
        web.post().uri("/api/orgs").header("Authorization", "Bearer " + alice.token())
                .bodyValue(Map.of("name", "Greedy", "plan", "ENTERPRISE")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("plan")
                .jsonPath("$.errors[0].message").value(m -> assertThat(m.toString()).contains("contact support or upgrade your plan"));
        web.post().uri("/api/orgs").header("Authorization", "Bearer " + alice.token())
                .bodyValue(Map.of("name", "Greedy", "seatLimit", 100000)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("seatLimit");

        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "FREE_TRIAL");
        var created = api.org(org, alice);
        assertThat(created.get("plan").asString()).isEqualTo("FREE_TRIAL");
        assertThat(created.get("seatLimit").asInt()).isEqualTo(1);
        assertThat(created.get("seatsTaken").asInt()).isZero();

        web.patch().uri("/api/orgs/{org}", org).header("Authorization", "Bearer " + alice.token())
                .bodyValue(Map.of("plan", "ENTERPRISE")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("plan");
        web.patch().uri("/api/orgs/{org}", org).header("Authorization", "Bearer " + alice.token())
                .bodyValue(Map.of("seatLimit", 100000)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("seatLimit");
        assertThat(api.org(org, alice).get("plan").asString()).isEqualTo("FREE_TRIAL");
    }

    @Test
    void ownerCallsTheOperatorEndpoint_isForbidden_operatorChangesThePlan_audited() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "FREE_TRIAL");
        api.setPlan(org, "ENTERPRISE", 100000, alice).expectStatus().isForbidden();
        api.setPlan(UUID.randomUUID(), "GROWTH", null, OrgApi.operator()).expectStatus().isNotFound();
        api.setPlan(org, "ENTERPRISE", 0, OrgApi.operator()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("seats");

        api.setPlan(org, "ENTERPRISE", 40, OrgApi.operator()).expectStatus().isOk()
                .expectBody().jsonPath("$.plan").isEqualTo("ENTERPRISE").jsonPath("$.seatLimit").isEqualTo(40);
        assertThat(db.sql("select count(*) from outbox where event_type = 'org.organization.updated' and event_key = :org")
                .bind("org", org.toString()).map(row -> row.get(0, Long.class)).one().block()).isOne();
        web.get().uri("/api/orgs/{org}/audit-log", org).header("Authorization", "Bearer " + alice.token()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.entries[0].action").isEqualTo("org.plan-changed")
                .jsonPath("$.entries[0].actorId").isEqualTo(OrgApi.operator().id().toString())
                .jsonPath("$.entries[0].before.plan").isEqualTo("FREE_TRIAL")
                .jsonPath("$.entries[0].after.seatLimit").isEqualTo(40);
    }

    @Test
    void billingPlanChanged_appliesTheChange_once() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "FREE_TRIAL");
        Events.Envelope event = Events.envelope(EventCatalog.BILLING_PLAN_CHANGED, org, new BillingPlanChanged(org, "SCALE", null))
                .withActor("billing");
        OrgApi.EVENTS.publish(event);
        OrgApi.EVENTS.publish(event);
        // the same change again under a new event id changes nothing either
        OrgApi.EVENTS.publish(EventCatalog.BILLING_PLAN_CHANGED, org, new BillingPlanChanged(org, "SCALE", 10));
        await().atMost(Duration.ofSeconds(20)).until(() -> "SCALE".equals(api.org(org, alice).get("plan").asString()));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> planChanges(org) == 1);
        assertThat(api.org(org, alice).get("seatLimit").asInt()).isEqualTo(10);
        web.get().uri("/api/orgs/{org}/audit-log", org).header("Authorization", "Bearer " + alice.token()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.entries[0].actor").isEqualTo("billing")
                .jsonPath("$.entries[0].actorId").doesNotExist();
    }

    @Test
    void freeTrialOwner_invitesExactlyOneAgent_andLearnsWhatToDoNext() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "FREE_TRIAL");
        api.invite(org, "AGENT", alice);
        api.reserve(org, UUID.randomUUID(), "AGENT", Instant.now().plus(Duration.ofDays(7)), alice.id(), OrgApi.reserverToken())
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/seat-limit-reached")
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).endsWith("Need more seats? Contact support or upgrade your plan."))
                .jsonPath("$.seatLimit").isEqualTo(1).jsonPath("$.seatsTaken").isEqualTo(1);
        // viewers take no seat
        api.join(org, carol, "VIEWER", alice);
        var view = api.org(org, alice);
        assertThat(view.get("seatLimit").asInt()).isEqualTo(1);
        assertThat(view.get("seatsTaken").asInt()).isEqualTo(1);
    }

    @Test
    void agentReadingTheOrg_getsNoBillingEmailOrPhone_adminMayChangeTheBillingEmail() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, carol, "ADMIN", alice);
        api.join(org, bob, "AGENT", alice);
        web.patch().uri("/api/orgs/{org}", org).header("Authorization", "Bearer " + alice.token())
                .bodyValue(Map.of("phone", "+33 1 23 45 67 89")).exchange().expectStatus().isOk();
        web.patch().uri("/api/orgs/{org}", org).header("Authorization", "Bearer " + carol.token())
                .bodyValue(Map.of("billingEmail", "billing@acme.test")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.billingEmail").isEqualTo("billing@acme.test");
        web.patch().uri("/api/orgs/{org}", org).header("Authorization", "Bearer " + bob.token())
                .bodyValue(Map.of("billingEmail", "attacker@evil.test")).exchange().expectStatus().isForbidden();

        var asAgent = api.org(org, bob);
        assertThat(asAgent.has("billingEmail")).isFalse();
        assertThat(asAgent.has("phone")).isFalse();
        assertThat(asAgent.get("seatsTaken").asInt()).isEqualTo(2);
        var asAdmin = api.org(org, carol);
        assertThat(asAdmin.get("billingEmail").asString()).isEqualTo("billing@acme.test");
        assertThat(asAdmin.get("phone").asString()).isEqualTo("+33 1 23 45 67 89");
    }

    @Test
    void managersMayInviteManagers_isOffByDefault_ownersAndAdminsChangeIt_managersAndAgentsCannot_auditedAndPublished() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, carol, "MANAGER", alice);
        api.join(org, bob, "ADMIN", alice);
        assertThat(api.org(org, carol).get("managersMayInviteManagers").asBoolean()).isFalse();

        api.updateOrg(org, Map.of("managersMayInviteManagers", true), carol).expectStatus().isForbidden();
        api.updateOrg(org, Map.of("managersMayInviteManagers", "sometimes"), alice).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("managersMayInviteManagers");
        api.updateOrg(org, Map.of("managersMayInviteManagers", true), bob).expectStatus().isOk()
                .expectBody().jsonPath("$.managersMayInviteManagers").isEqualTo(true);
        assertThat(api.org(org, carol).get("managersMayInviteManagers").asBoolean()).isTrue();
        // other settings leave it as it is
        api.updateOrg(org, Map.of("timezone", "Europe/Paris"), alice).expectStatus().isOk()
                .expectBody().jsonPath("$.managersMayInviteManagers").isEqualTo(true);

        web.get().uri("/api/orgs/{org}/audit-log", org).header("Authorization", "Bearer " + alice.token()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.entries[1].action").isEqualTo("org.updated")
                .jsonPath("$.entries[1].actorId").isEqualTo(bob.id().toString())
                .jsonPath("$.entries[1].before.managersMayInviteManagers").isEqualTo(false)
                .jsonPath("$.entries[1].after.managersMayInviteManagers").isEqualTo(true);
        var updated = OrgApi.EVENTS.await(Topics.ORG_ORGANIZATIONS, record -> org.toString().equals(record.key())
                && record.value().contains("\"org.organization.updated\"") && record.value().contains("\"managersMayInviteManagers\":true"),
                Duration.ofSeconds(20));
        assertThat(OrgApi.JSON.readTree(updated.value()).path("data").path("managersMayInviteManagers").asBoolean()).isTrue();
    }

    @Test
    void managersInvitationOfAManager_isRefusedAtAcceptanceWithTheSettingOff_andAcceptedWithItOn() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "SCALE");
        api.join(org, carol, "MANAGER", alice);

        UUID refused = api.invite(org, "MANAGER", carol);
        Events.Envelope acceptedWhileOff = OrgApi.accepted(org, refused, bob, "MANAGER");
        OrgApi.EVENTS.publish(acceptedWhileOff);
        OrgApi.EVENTS.await(Topics.deadLetter(Topics.IDENTITY_INVITATIONS), Events.withEventId(acceptedWhileOff.id()), Duration.ofSeconds(30));
        assertThat(api.role(org, bob.id(), alice)).isNull();

        api.updateOrg(org, Map.of("managersMayInviteManagers", true), alice).expectStatus().isOk();
        api.join(org, bob, "MANAGER", carol);
        assertThat(api.role(org, bob.id(), alice)).isEqualTo("MANAGER");
    }

    private long planChanges(UUID org) {
        return db.sql("select count(*) from audit_log where org_id = :org and action = 'org.plan-changed'").bind("org", org)
                .map(row -> row.get(0, Long.class)).one().block();
    }
}
