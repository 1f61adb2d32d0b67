package io.switchboard.identity.invitation;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.identity.InvitationRevoked;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pending invitations do not outlive their inviter's right to send them: when an inviter is removed,
 * deactivated or given a role (or their custom role is redefined, or the org turns off the setting that let
 * MANAGERs invite MANAGERs) that no longer lets them give an invitation's role, that invitation is revoked ({@code identity.invitation.revoked}, reason
 * INVITER_LOST_RIGHTS, actor {@code system}). Runs inside the consumer's inbox transaction; revoking an
 * invitation that is no longer pending is skipped, so replays change nothing.
 *
 * <p>The inviter's new role comes from the event itself, not the membership projection (a separate consumer
 * that may not have applied it yet). Only invitations sent (or last resent) before the event are judged by it:
 * a later one was checked against the rights of its own time, so replaying old events never revokes it. (Up to
 * {@link #CLOCK_SKEW} after the event still counts as before it: the event's time comes from org-service's clock.
 * Whatever slips through is still refused at acceptance, which re-checks the inviter's current role.)
 */
@Service
public class LostRightsRevocations {

    static final String ACTOR = "system";
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(LostRightsRevocations.class);

    private final Invitations invitations;
    private final InviterRights rights;
    private final InvitationOutbox outbox;
    private final Clock clock;

    LostRightsRevocations(Invitations invitations, InviterRights rights, InvitationOutbox outbox, Clock clock) {
        this.invitations = invitations;
        this.rights = rights;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Removed or deactivated: none of their pending invitations stands. */
    public Mono<Void> inviterLeft(UUID orgId, UUID inviterId, Instant at) {
        return revokeWhere(invitations.lockPendingBy(orgId, inviterId), at, invitation -> true);
    }

    /** Their role is now {@code role}: the invitations it could not give are revoked. */
    public Mono<Void> inviterRoleChanged(UUID orgId, UUID inviterId, String role, Instant at) {
        Set<Permission> permissions = rights.permissionsOf(orgId, role);
        return rights.managersMayInviteManagers(orgId).flatMap(setting -> revokeWhere(invitations.lockPendingBy(orgId, inviterId), at,
                invitation -> InviterRights.refusal(role, permissions, invitation.role(), rights.permissionsOf(orgId, invitation.role()), setting)
                        .isPresent()));
    }

    /** Custom role {@code role} now grants {@code permissions}: re-check invitations sent by its holders or giving it. */
    public Mono<Void> roleRedefined(UUID orgId, String role, Set<Permission> permissions, Instant at) {
        return rights.managersMayInviteManagers(orgId).flatMap(setting -> revokeWhere(invitations.lockPending(orgId), at, invitation -> {
            Optional<String> inviterRole = rights.roleOf(orgId, invitation.invitedBy());
            if (inviterRole.isEmpty()) {
                return false;
            }
            Set<Permission> inviterPermissions = inviterRole.get().equals(role) ? permissions : rights.permissionsOf(orgId, inviterRole.get());
            Set<Permission> granted = invitation.role().equals(role) ? permissions : rights.permissionsOf(orgId, invitation.role());
            return InviterRights.refusal(inviterRole.get(), inviterPermissions, invitation.role(), granted, setting).isPresent();
        }));
    }

    /**
     * The org's setting now says MANAGERs may not invite MANAGERs: pending MANAGER invitations whose inviter can
     * no longer give MANAGER (an inviter who is a MANAGER today) are revoked. Judged with the setting the event
     * carries, not the table (which the caller has just written in the same transaction anyway).
     */
    public Mono<Void> managersMayNoLongerInviteManagers(UUID orgId, Instant at) {
        String manager = BuiltInRole.MANAGER.name();
        return revokeWhere(invitations.lockPendingWithRole(orgId, manager), at, invitation -> {
            Optional<String> inviterRole = rights.roleOf(orgId, invitation.invitedBy());
            return inviterRole.isPresent() && InviterRights.refusal(inviterRole.get(), rights.permissionsOf(orgId, inviterRole.get()),
                    manager, rights.permissionsOf(orgId, manager), false).isPresent();
        });
    }

    private Mono<Void> revokeWhere(Flux<Invitation> pending, Instant eventTime, Predicate<Invitation> lostRight) {
        return pending.filter(Invitation::isPending)
                .filter(invitation -> eventTime == null || issuedAt(invitation).isBefore(eventTime.plus(CLOCK_SKEW)))
                .filter(lostRight)
                .concatMap(this::revoke).then();
    }

    private static Instant issuedAt(Invitation invitation) {
        return invitation.lastResentAt() != null && invitation.lastResentAt().isAfter(invitation.createdAt())
                ? invitation.lastResentAt() : invitation.createdAt();
    }

    private Mono<Void> revoke(Invitation invitation) {
        Invitation.Change change = invitation.revoke(InvitationRevoked.Reason.INVITER_LOST_RIGHTS);
        return invitations.saveRevoked(change.invitation(), InvitationRevoked.Reason.INVITER_LOST_RIGHTS, Instant.now(clock))
                .then(outbox.append(change, ACTOR))
                .doOnSuccess(done -> log.info("invitation {} of org {} revoked: its inviter lost the right to give {}",
                        invitation.id(), invitation.orgId(), invitation.role()));
    }
}
