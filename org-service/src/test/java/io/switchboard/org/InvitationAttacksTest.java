package io.switchboard.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.identity.InvitationRevoked;
import io.switchboard.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Attacks on joining: forged acceptances on the real broker, re-invitations of deactivated members, direct
 * calls to the seat reservations, and revocations. Real PostgreSQL, Kafka and Keycloak tokens.
 */
class InvitationAttacksTest extends OrgIntegrationTest {

    @Test
    void forgedInvitationAcceptedAsOwner_doesNotMakeAnOwner() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        // bob was invited as AGENT; the forger also tries an invitation id that was never sent
        UUID agentInvitation = api.invite(org, "AGENT", alice);
        Events.Envelope asOwner = OrgApi.accepted(org, agentInvitation, bob, "OWNER");
        Events.Envelope neverSent = OrgApi.accepted(org, UUID.randomUUID(), bob, "OWNER");
        OrgApi.EVENTS.publish(asOwner);
        OrgApi.EVENTS.publish(neverSent);
        // a genuine acceptance after them, on the same partition (key orgId): once carol is in, both were handled
        api.join(org, carol, "AGENT", alice);

        assertThat(api.role(org, bob.id(), alice)).isNull();
        assertThat(activeOwners(org)).containsExactly(alice.id());
        assertThat(deadLetterIds()).contains(asOwner.id().toString(), neverSent.id().toString());
        // the genuine AGENT invitation still holds its seat: the forged OWNER claim did not consume it
        assertThat(api.org(org, alice).get("seatsTaken").asLong()).isEqualTo(2);
    }

    @Test
    void reinvitingDeactivatedMember_doesNotReactivateOrChangeRole() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, carol, "MANAGER", alice);
        api.join(org, bob, "AGENT", alice);
        web.post().uri("/api/orgs/{org}/members/{user}/deactivate", org, bob.id()).header("Authorization", "Bearer " + alice.token())
                .exchange().expectStatus().isNoContent();

        // the manager re-invites the deactivated agent, and the invitation is accepted
        UUID invitation = api.invite(org, "AGENT", carol);
        OrgApi.EVENTS.publish(OrgApi.accepted(org, invitation, bob, "AGENT"));
        await().atMost(Duration.ofSeconds(20)).until(() -> auditActions(org).contains("member.join-ignored"));

        var member = api.member(org, bob.id(), alice);
        assertThat(member.get("status").asString()).isEqualTo("DEACTIVATED");
        assertThat(member.get("role").asString()).isEqualTo("AGENT");
        assertThat(reservation(org, invitation)).as("the used invitation's seat is released").isZero();
    }

    @Test
    void memberCallsSeatReservationsDirectly_isRefused() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "FREE_TRIAL");
        UUID invitation = UUID.randomUUID();
        Instant nextWeek = Instant.now().plus(Duration.ofDays(7));
        // the owner's own token, which once reserved (and released) seats at will
        api.reserve(org, invitation, "AGENT", nextWeek, alice.id(), alice.token()).expectStatus().isForbidden();
        api.release(org, invitation, alice.token()).expectStatus().isForbidden();
        web.put().uri("/api/orgs/{org}/seat-reservations/{id}", org, invitation).header("Authorization", "Bearer " + alice.token())
                .bodyValue(Map.of("role", "AGENT", "expiresAt", "9999-12-31T00:00:00Z")).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(404, 405));
        assertThat(reservation(org, invitation)).isZero();

        // the service itself: role and expiry are checked
        api.reserve(org, invitation, "SUPREME", nextWeek, alice.id(), OrgApi.reserverToken()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("role");
        api.reserve(org, invitation, "custom:" + UUID.randomUUID(), nextWeek, alice.id(), OrgApi.reserverToken()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("role");
        api.reserve(org, invitation, "AGENT", Instant.parse("9999-12-31T00:00:00Z"), alice.id(), OrgApi.reserverToken())
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("expiresAt");
        api.reserve(org, invitation, "AGENT", Instant.now().plus(Duration.ofDays(8)).plusSeconds(60), alice.id(), OrgApi.reserverToken())
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("expiresAt");
        api.reserve(org, invitation, "AGENT", nextWeek, alice.id(), OrgApi.reserverToken()).expectStatus().isNoContent();
        assertThat(reservation(org, invitation)).isOne();
    }

    @Test
    void reservationInAnotherOrg_doesNotTouchThisOrgs() {
        OrgApi api = new OrgApi(web);
        UUID victim = api.createOrg(alice, "GROWTH");
        UUID attacker = api.createOrg(carol, "GROWTH");
        UUID invitation = api.invite(victim, "AGENT", alice);
        Instant victimExpiry = db.sql("select expires_at from seat_reservations where org_id = :org and invitation_id = :id")
                .bind("org", victim).bind("id", invitation).map(row -> row.get(0, Instant.class)).one().block();

        // the same invitation id, reserved and released in another org, is another row
        api.reserve(attacker, invitation, "VIEWER", Instant.now().plus(Duration.ofHours(1)), carol.id(), OrgApi.reserverToken())
                .expectStatus().isNoContent();
        api.release(attacker, invitation, OrgApi.reserverToken()).expectStatus().isNoContent();
        api.release(attacker, invitation, OrgApi.reserverToken()).expectStatus().isNoContent();

        assertThat(db.sql("select role, expires_at from seat_reservations where org_id = :org and invitation_id = :id")
                .bind("org", victim).bind("id", invitation).map(row -> row.get("role", String.class) + "@" + row.get("expires_at", Instant.class))
                .one().block()).isEqualTo("AGENT@" + victimExpiry);
        // and accepting it in the other org makes nobody a member there
        OrgApi.EVENTS.publish(OrgApi.accepted(attacker, invitation, bob, "AGENT"));
        api.join(victim, bob, "AGENT", alice);
        assertThat(api.role(attacker, bob.id(), carol)).isNull();
        assertThat(api.org(victim, alice).get("seatsTaken").asLong()).isEqualTo(2);
    }

    @Test
    void revokedInvitation_releasesItsSeat_andIsAudited() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "FREE_TRIAL");
        UUID invitation = api.invite(org, "AGENT", alice);
        // the free trial's one agent seat is held
        api.reserve(org, UUID.randomUUID(), "AGENT", Instant.now().plus(Duration.ofDays(7)), alice.id(), OrgApi.reserverToken())
                .expectStatus().isEqualTo(409);

        OrgApi.EVENTS.publish(Events.envelope(EventCatalog.INVITATION_REVOKED, org, new InvitationRevoked(org, invitation, "dana@acme.test",
                "AGENT", alice.id(), InvitationRevoked.Reason.INVITER_LOST_RIGHTS)).withActor("system"));
        await().atMost(Duration.ofSeconds(20)).until(() -> reservation(org, invitation) == 0);

        web.get().uri("/api/orgs/{org}/audit-log", org).header("Authorization", "Bearer " + alice.token()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.entries[0].action").isEqualTo("invitation.revoked")
                .jsonPath("$.entries[0].actor").isEqualTo("system")
                .jsonPath("$.entries[0].target").isEqualTo("invitation:" + invitation)
                .jsonPath("$.entries[0].after.reason").isEqualTo("INVITER_LOST_RIGHTS");
        api.reserve(org, UUID.randomUUID(), "AGENT", Instant.now().plus(Duration.ofDays(7)), alice.id(), OrgApi.reserverToken())
                .expectStatus().isNoContent();
    }

    @Test
    void invitationDetails_reachMemberDetails() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        UUID invitation = api.invite(org, "AGENT", alice);
        OrgApi.EVENTS.publish(OrgApi.accepted(org, invitation, bob, "AGENT", "Bob", "Builder", "+33 1 23 45 67 89"));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.role(org, bob.id(), alice) != null);
        var member = api.member(org, bob.id(), alice);
        assertThat(member.get("firstName").asString()).isEqualTo("Bob");
        assertThat(member.get("lastName").asString()).isEqualTo("Builder");
        assertThat(member.get("phone").asString()).isEqualTo("+33 1 23 45 67 89");
    }

    @Test
    void acceptanceAfterTheInviterLostTheRight_isRefused() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, carol, "ADMIN", alice);
        UUID invitation = api.invite(org, "ADMIN", carol);
        api.changeRole(org, carol.id(), "AGENT", alice).expectStatus().isOk();
        Events.Envelope accepted = OrgApi.accepted(org, invitation, bob, "ADMIN");
        OrgApi.EVENTS.publish(accepted);
        OrgApi.EVENTS.await(Topics.deadLetter(Topics.IDENTITY_INVITATIONS), Events.withEventId(accepted.id()), Duration.ofSeconds(30));
        assertThat(api.role(org, bob.id(), alice)).isNull();
    }

    @Test
    void acceptingAnInvitationWhoseReservationExpired_isRefused() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "FREE_TRIAL");
        UUID invitation = api.invite(org, "AGENT", alice);
        // eight days on: the reservation no longer counts against the plan, and a new agent took the seat
        db.sql("update seat_reservations set expires_at = now() - interval '1 minute' where org_id = :org and invitation_id = :id")
                .bind("org", org).bind("id", invitation).fetch().rowsUpdated().block();
        api.join(org, carol, "AGENT", alice);
        Events.Envelope late = OrgApi.accepted(org, invitation, bob, "AGENT");
        OrgApi.EVENTS.publish(late);
        OrgApi.EVENTS.await(Topics.deadLetter(Topics.IDENTITY_INVITATIONS), Events.withEventId(late.id()), Duration.ofSeconds(30));
        assertThat(api.role(org, bob.id(), alice)).isNull();
        assertThat(api.org(org, alice).get("seatsTaken").asLong()).isEqualTo(1);
    }

    private List<UUID> activeOwners(UUID org) {
        return db.sql("select user_id from memberships where org_id = :org and status = 'ACTIVE' and role = 'OWNER'")
                .bind("org", org).map(row -> row.get(0, UUID.class)).all().collectList().block();
    }

    private long reservation(UUID org, UUID invitation) {
        return db.sql("select count(*) from seat_reservations where org_id = :org and invitation_id = :id")
                .bind("org", org).bind("id", invitation).map(row -> row.get(0, Long.class)).one().block();
    }

    private List<String> auditActions(UUID org) {
        return db.sql("select action from audit_log where org_id = :org").bind("org", org)
                .map(row -> row.get(0, String.class)).all().collectList().block();
    }

    /** Event ids of every record on identity.invitations.v1.DLT so far. */
    private static List<String> deadLetterIds() {
        return OrgApi.EVENTS.records(Topics.deadLetter(Topics.IDENTITY_INVITATIONS)).stream().map(Events::eventId).toList();
    }
}
