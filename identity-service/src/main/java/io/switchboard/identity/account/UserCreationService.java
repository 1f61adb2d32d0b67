package io.switchboard.identity.account;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.identity.InvitationAccepted;
import io.switchboard.identity.invitation.InviterRights;
import io.switchboard.identity.keycloak.KeycloakAccounts;
import io.switchboard.identity.limits.MailQuota;
import io.switchboard.identity.organization.Organizations;
import io.switchboard.identity.seat.SeatReservations;
import io.switchboard.messaging.Outbox;
import io.switchboard.web.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Direct creation: an account with an initial password the person must change at first sign-in, its email
 * NOT verified until the welcome mail's link is used; the membership (through the same event an accepted
 * invitation sends, with the seat reserved for it); and the welcome mail, which never holds the password.
 */
@Service
class UserCreationService {

    /** How long org-service holds the seat until the membership event arrives. */
    private static final Duration SEAT_HOLD = Duration.ofDays(1);

    record CreatedUser(UUID userId, String email, String role) {
    }

    private final InviterRights rights;
    private final KeycloakAccounts accounts;
    private final SeatReservations seats;
    private final EmailConfirmationService confirmations;
    private final Organizations organizations;
    private final MailQuota quota;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionalOperator tx;

    UserCreationService(InviterRights rights, KeycloakAccounts accounts, SeatReservations seats, EmailConfirmationService confirmations,
                        Organizations organizations, MailQuota quota, Outbox outbox, Clock clock, ReactiveTransactionManager transactionManager) {
        this.rights = rights;
        this.accounts = accounts;
        this.seats = seats;
        this.confirmations = confirmations;
        this.organizations = organizations;
        this.quota = quota;
        this.outbox = outbox;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    Mono<CreatedUser> create(UUID orgId, Caller caller, CreateUserRequest request) {
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        return rights.inviter(orgId, caller)
                .doOnNext(inviter -> rights.requireCanGive(orgId, inviter, request.role()))
                .doOnNext(inviter -> InviterRights.requireCanRoute(inviter, request.routing()))
                .then(quota.require(orgId, caller.userId(), email))
                .then(Mono.defer(() -> reserveAndCreate(orgId, caller, request, email)));
    }

    private Mono<CreatedUser> reserveAndCreate(UUID orgId, Caller caller, CreateUserRequest request, String email) {
        UUID seat = UUID.randomUUID();
        String[] names = request.fullName().trim().split("\\s+", 2);
        var account = new KeycloakAccounts.NewAccount(email, request.password(), names[0], names.length > 1 ? names[1] : "", null, true, false);
        Mono<Void> releaseSeat = seats.release(orgId, seat).onErrorResume(e -> Mono.empty());
        return seats.reserve(orgId, seat, request.role(), Instant.now(clock).plus(SEAT_HOLD), caller.userId())
                .then(accounts.replaceUnverified(account, email + " already has an account; invite it instead.")
                        .onErrorResume(failure -> releaseSeat.then(Mono.error(failure))))
                .flatMap(created -> tx.transactional(join(orgId, caller, request, email, seat, created, names))
                        .onErrorResume(failure -> accounts.delete(created.id()).onErrorResume(e -> Mono.empty())
                                .then(releaseSeat).then(Mono.error(failure))));
    }

    private Mono<CreatedUser> join(UUID orgId, Caller caller, CreateUserRequest request, String email, UUID seat,
                                   KeycloakAccounts.Account created, String[] names) {
        String fullName = request.fullName().trim();
        List<UUID> portals = request.portalIds() == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(request.portalIds()));
        return outbox.append(EventCatalog.INVITATION_ACCEPTED, orgId, caller.userId().toString(),
                        new InvitationAccepted(orgId, seat, created.id(), email, fullName, request.role(), portals,
                                names[0], names.length > 1 ? names[1] : null, null,
                                request.routing() == null || request.routing().setsNothing() ? null : request.routing()))
                .then(organizations.name(orgId).defaultIfEmpty(""))
                .flatMap(orgName -> confirmations.issue(created.id(), email, EmailConfirmations.Purpose.WELCOME, orgId, caller.userId(),
                        link -> WelcomeMail.render(orgId, email, fullName, orgName, caller.name(), request.role(), link)))
                .thenReturn(new CreatedUser(created.id(), email, request.role()));
    }
}
