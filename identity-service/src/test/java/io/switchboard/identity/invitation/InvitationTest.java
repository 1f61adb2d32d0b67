package io.switchboard.identity.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.identity.InvitationAccepted;
import io.switchboard.events.identity.InvitationRevoked;
import java.time.Duration;
import java.time.Instant;
import io.switchboard.events.routing.RoutingSetup;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The invitation's transitions: what each allows, the state it leaves and the events it raises. */
class InvitationTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    private static Invitation pending() {
        return Invitation.create(UUID.randomUUID(), "dana@acme.test", "AGENT", List.of(), new Invitation.Person("Dana", "Agent", "+1 555 0100"),
                null, UUID.randomUUID(), "Alice", NOW, WEEK);
    }

    @Test
    void theRoutingSetup_travelsOnAcceptance_andNoneStaysNull() {
        RoutingSetup routing = new RoutingSetup(Map.of("SMS", 3), Map.of(UUID.randomUUID(), List.of("SMS")), List.of(UUID.randomUUID()));
        Invitation invitation = Invitation.create(UUID.randomUUID(), "dana@acme.test", "AGENT", List.of(), null, routing,
                UUID.randomUUID(), "Alice", NOW, WEEK);
        InvitationAccepted accepted = (InvitationAccepted) invitation.accept(UUID.randomUUID(), "Dana", null, NOW).events().getFirst().data();
        assertThat(accepted.routing()).isEqualTo(routing);
        assertThat(((InvitationAccepted) pending().accept(UUID.randomUUID(), "Dana", null, NOW).events().getFirst().data()).routing()).isNull();
    }

    @Test
    void portalIds_keepTheirOrder_andARepeatedPortalCountsOnce() {
        UUID sales = UUID.randomUUID();
        UUID support = UUID.randomUUID();
        Invitation invitation = Invitation.create(UUID.randomUUID(), "dana@acme.test", "AGENT", List.of(support, sales, support), null,
                null, UUID.randomUUID(), "Alice", NOW, WEEK);
        assertThat(invitation.portalIds()).containsExactly(support, sales);
        assertThat(Invitation.create(UUID.randomUUID(), "dana@acme.test", "AGENT", null, null, null, UUID.randomUUID(), "Alice", NOW, WEEK).portalIds())
                .isEmpty();
    }

    @Test
    void newInvitation_isPending_forItsValidity() {
        Invitation invitation = pending();
        assertThat(invitation.status()).isEqualTo(Invitation.Status.PENDING);
        assertThat(invitation.expiresAt()).isEqualTo(NOW.plus(WEEK));
        assertThat(invitation.statusAt(NOW.plus(WEEK).minusSeconds(1))).isEqualTo(Invitation.Status.PENDING);
        assertThat(invitation.statusAt(NOW.plus(WEEK))).isEqualTo(Invitation.Status.EXPIRED);
    }

    @Test
    void accept_raisesInvitationAccepted_withTheInvitedRole_andThePersonDetails() {
        Invitation invitation = pending();
        UUID user = UUID.randomUUID();
        Invitation.Change change = invitation.accept(user, "Dana Agent", null, NOW.plusSeconds(60));

        assertThat(change.invitation().status()).isEqualTo(Invitation.Status.ACCEPTED);
        assertThat(change.events()).hasSize(1);
        assertThat(change.events().getFirst().type()).isEqualTo(EventCatalog.INVITATION_ACCEPTED);
        InvitationAccepted accepted = (InvitationAccepted) change.events().getFirst().data();
        assertThat(accepted.userId()).isEqualTo(user);
        assertThat(accepted.role()).isEqualTo("AGENT");
        assertThat(accepted.invitationId()).isEqualTo(invitation.id());
        assertThat(accepted.firstName()).isEqualTo("Dana");
        assertThat(accepted.lastName()).isEqualTo("Agent");
        assertThat(accepted.phone()).isEqualTo("+1 555 0100");
    }

    @Test
    void accept_prefersWhatTheNewMemberGave_overWhatTheInviterEntered() {
        Invitation.Change change = pending().accept(UUID.randomUUID(), "Dee A", new Invitation.Person("Dee", null, " "), NOW);
        InvitationAccepted accepted = (InvitationAccepted) change.events().getFirst().data();
        assertThat(accepted.firstName()).isEqualTo("Dee");
        assertThat(accepted.lastName()).isEqualTo("Agent");
        assertThat(accepted.phone()).isEqualTo("+1 555 0100");
    }

    @Test
    void expiredUsedOrRevokedInvitations_cannotBeAccepted() {
        Invitation invitation = pending();
        assertThatThrownBy(() -> invitation.accept(UUID.randomUUID(), "Late", null, NOW.plus(WEEK)))
                .isInstanceOfSatisfying(Invitation.Refused.class, refused -> assertThat(refused.reason()).isEqualTo(Invitation.Refused.Reason.EXPIRED));
        Invitation accepted = invitation.accept(UUID.randomUUID(), "Once", null, NOW).invitation();
        assertThatThrownBy(() -> accepted.accept(UUID.randomUUID(), "Twice", null, NOW))
                .isInstanceOfSatisfying(Invitation.Refused.class, refused -> assertThat(refused.reason()).isEqualTo(Invitation.Refused.Reason.USED));
        Invitation revoked = invitation.revoke(InvitationRevoked.Reason.REVOKED_BY_USER).invitation();
        assertThatThrownBy(() -> revoked.accept(UUID.randomUUID(), "Revoked", null, NOW))
                .isInstanceOfSatisfying(Invitation.Refused.class, refused -> assertThat(refused.reason()).isEqualTo(Invitation.Refused.Reason.REVOKED));
    }

    @Test
    void revoke_raisesInvitationRevoked_withItsReason_andOnlyOnce() {
        Invitation invitation = pending();
        Invitation.Change change = invitation.revoke(InvitationRevoked.Reason.INVITER_LOST_RIGHTS);
        assertThat(change.invitation().status()).isEqualTo(Invitation.Status.REVOKED);
        InvitationRevoked revoked = (InvitationRevoked) change.events().getFirst().data();
        assertThat(revoked).isEqualTo(new InvitationRevoked(invitation.orgId(), invitation.id(), "dana@acme.test", "AGENT",
                invitation.invitedBy(), InvitationRevoked.Reason.INVITER_LOST_RIGHTS));
        assertThatThrownBy(() -> change.invitation().revoke(InvitationRevoked.Reason.REVOKED_BY_USER))
                .isInstanceOfSatisfying(Invitation.Refused.class, refused -> assertThat(refused.reason()).isEqualTo(Invitation.Refused.Reason.NOT_PENDING));
    }

    @Test
    void expiredPendingInvitation_canStillBeRevokedOrResent() {
        Invitation invitation = pending();
        Instant later = NOW.plus(WEEK).plusSeconds(10);
        assertThat(invitation.revoke(InvitationRevoked.Reason.REVOKED_BY_USER).invitation().status()).isEqualTo(Invitation.Status.REVOKED);
        Invitation resent = invitation.resend(later, WEEK).invitation();
        assertThat(resent.statusAt(later)).isEqualTo(Invitation.Status.PENDING);
        assertThat(resent.expiresAt()).isEqualTo(later.plus(WEEK));
        assertThat(resent.lastResentAt()).isEqualTo(later);
        assertThat(resent.resendCount()).isEqualTo(1);
    }

    @Test
    void acceptedInvitation_cannotBeResent() {
        Invitation accepted = pending().accept(UUID.randomUUID(), "Dana", null, NOW).invitation();
        assertThatThrownBy(() -> accepted.resend(NOW, WEEK)).isInstanceOf(Invitation.Refused.class);
    }
}
