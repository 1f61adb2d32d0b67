package io.switchboard.identity.invitation;

import io.switchboard.events.identity.InvitationRevoked;
import io.switchboard.identity.keycloak.KeycloakAccounts;
import io.switchboard.identity.limits.MailQuota;
import io.switchboard.identity.seat.SeatReservations;
import io.switchboard.identity.token.SecretTokens;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What an organization's admins do with invitations: invite, list, resend, revoke. The inviter's right comes
 * from {@link InviterRights}; seats from org-service ({@link SeatReservations}); the state change, its events
 * and its mail are stored in one transaction.
 */
@Service
class InvitationService {

    private final Invitations invitations;
    private final InviterRights rights;
    private final KeycloakAccounts accounts;
    private final MembershipProjection memberships;
    private final SeatReservations seats;
    private final InvitationOutbox outbox;
    private final MailQuota quota;
    private final InvitationProperties properties;
    private final Clock clock;
    private final TransactionalOperator tx;

    InvitationService(Invitations invitations, InviterRights rights, KeycloakAccounts accounts, MembershipProjection memberships,
                      SeatReservations seats, InvitationOutbox outbox, MailQuota quota, InvitationProperties properties, Clock clock,
                      ReactiveTransactionManager transactionManager) {
        this.invitations = invitations;
        this.rights = rights;
        this.accounts = accounts;
        this.memberships = memberships;
        this.seats = seats;
        this.outbox = outbox;
        this.quota = quota;
        this.properties = properties;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    Mono<InvitationView> invite(UUID orgId, Caller caller, InviteRequest request) {
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        return rights.inviter(orgId, caller)
                .doOnNext(inviter -> rights.requireCanGive(orgId, inviter, request.role()))
                .doOnNext(inviter -> InviterRights.requireCanRoute(inviter, request.routing()))
                .then(requireNotMember(orgId, email))
                .then(quota.require(orgId, caller.userId(), email))
                .then(Mono.defer(() -> create(Invitation.create(orgId, email, request.role(), request.portalIds(),
                        new Invitation.Person(request.firstName(), request.lastName(), request.phone()), request.routing(), caller.userId(), caller.name(),
                        Instant.now(clock), properties.validity()), caller)))
                .onErrorMap(Invitations.PendingExists.class, e -> InvitationProblems.pending(orgId, email));
    }

    /** The seat first (org-service refuses when the plan is full), released again if the invitation is not stored. */
    private Mono<InvitationView> create(Invitation invitation, Caller caller) {
        String token = SecretTokens.newToken();
        Mono<Void> store = invitations.insert(invitation, SecretTokens.hash(token))
                .then(outbox.mail(invitation, token, caller.userId(), caller.name()));
        return seats.reserve(invitation.orgId(), invitation.id(), invitation.role(), invitation.expiresAt(), invitation.invitedBy())
                .then(tx.transactional(store))
                .onErrorResume(failure -> SeatReservations.isSeatLimit(failure) ? Mono.error(failure)
                        : seats.release(invitation.orgId(), invitation.id()).onErrorResume(e -> Mono.empty()).then(Mono.error(failure)))
                .thenReturn(InvitationView.of(invitation, Instant.now(clock)));
    }

    /** An active member is not invited again; a deactivated one comes back only by reactivation (never by an invitation). */
    private Mono<Void> requireNotMember(UUID orgId, String email) {
        return accounts.findByEmail(email).flatMap(account -> {
            var membership = account.flatMap(found -> memberships.find(orgId, found.id()));
            if (membership.isPresent() && membership.get().status() == MembershipProjection.Status.ACTIVE) {
                return Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("already-member"),
                        email + " is already a member of this organization."));
            }
            if (membership.isPresent() && membership.get().status() == MembershipProjection.Status.DEACTIVATED) {
                return Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("member-deactivated"),
                        email + " is a deactivated member of this organization; reactivate them instead "
                                + "(POST /api/orgs/" + orgId + "/members/{userId}/reactivate)."));
            }
            return Mono.empty();
        });
    }

    Flux<InvitationView> list(UUID orgId, Caller caller, Invitation.Status status) {
        Instant now = Instant.now(clock);
        return rights.inviter(orgId, caller)
                .thenMany(invitations.list(orgId, status == Invitation.Status.EXPIRED ? Invitation.Status.PENDING : status))
                .map(invitation -> InvitationView.of(invitation, now))
                .filter(view -> status == null || view.status().equals(status.name()));
    }

    /** A new link (the old one dies) and a new validity period; at most one resend per resend-interval. */
    Mono<InvitationView> resend(UUID orgId, UUID invitationId, Caller caller) {
        return rights.inviter(orgId, caller).flatMap(inviter -> tx.transactional(locked(orgId, invitationId).flatMap(current -> {
            rights.requireCanGive(orgId, inviter, current.role());
            return quota.requireResend(current.lastResentAt())
                    .then(quota.require(orgId, caller.userId(), current.email()))
                    .then(Mono.defer(() -> renew(current, caller)));
        })));
    }

    private Mono<InvitationView> renew(Invitation current, Caller caller) {
        Invitation renewed = transition(() -> current.resend(Instant.now(clock), properties.validity())).invitation();
        String token = SecretTokens.newToken();
        return seats.reserve(renewed.orgId(), renewed.id(), renewed.role(), renewed.expiresAt(), renewed.invitedBy())
                .then(invitations.saveResent(renewed, SecretTokens.hash(token)))
                .then(outbox.mail(renewed, token, caller.userId(), caller.name()))
                .thenReturn(InvitationView.of(renewed, Instant.now(clock)));
    }

    /** Revoked by someone allowed to give its role; org-service releases the seat on the event (and at once here). */
    Mono<Void> revoke(UUID orgId, UUID invitationId, Caller caller) {
        return rights.inviter(orgId, caller).flatMap(inviter -> tx.transactional(locked(orgId, invitationId).flatMap(current -> {
                    rights.requireCanGive(orgId, inviter, current.role());
                    Invitation.Change change = transition(() -> current.revoke(InvitationRevoked.Reason.REVOKED_BY_USER));
                    return invitations.saveRevoked(change.invitation(), InvitationRevoked.Reason.REVOKED_BY_USER, Instant.now(clock))
                            .then(outbox.append(change, caller.userId().toString()));
                })))
                .then(seats.release(orgId, invitationId).onErrorResume(e -> Mono.empty()));
    }

    private Mono<Invitation> locked(UUID orgId, UUID invitationId) {
        return invitations.lockInOrg(orgId, invitationId).switchIfEmpty(Mono.error(() -> InvitationProblems.notFound(invitationId)));
    }

    static Invitation.Change transition(java.util.function.Supplier<Invitation.Change> step) {
        try {
            return step.get();
        } catch (Invitation.Refused refused) {
            throw InvitationProblems.of(refused);
        }
    }
}
