package io.switchboard.identity.invitation;

import io.switchboard.identity.keycloak.KeycloakAccounts;
import io.switchboard.identity.organization.Organizations;
import io.switchboard.identity.token.SecretTokens;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * What the holder of an invitation link does: look it up, accept it. Accepting as a new person proves the
 * mailbox (the link came to it), so that account's email is verified, and an unverified account squatting
 * the address is replaced. Accepting signed in needs a token whose email is the invited one and verified.
 * Either way the inviter must still be allowed to give the role.
 */
@Service
class InvitationAcceptance {

    /** The signed-in caller and whether their token says the email is verified. */
    record SignedIn(Caller caller, boolean emailVerified) {
    }

    record PublicView(String orgName, String email, String role, Instant expiresAt, boolean accountExists, String firstName,
                      String lastName, String phone) {
    }

    record Accepted(UUID orgId, UUID userId) {
    }

    private record Person(UUID userId, String displayName, Invitation.Person details, boolean created) {
    }

    private final Invitations invitations;
    private final InviterRights rights;
    private final KeycloakAccounts accounts;
    private final Organizations organizations;
    private final InvitationOutbox outbox;
    private final Clock clock;
    private final TransactionalOperator tx;

    InvitationAcceptance(Invitations invitations, InviterRights rights, KeycloakAccounts accounts, Organizations organizations,
                         InvitationOutbox outbox, Clock clock, ReactiveTransactionManager transactionManager) {
        this.invitations = invitations;
        this.rights = rights;
        this.accounts = accounts;
        this.organizations = organizations;
        this.outbox = outbox;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    /** What the accept page shows, pre-filled with what the inviter entered. An unverified account does not count as existing. */
    Mono<PublicView> lookup(String token) {
        return usable(token, false).flatMap(invitation -> accounts.findByEmail(invitation.email())
                .zipWith(organizations.name(invitation.orgId()).defaultIfEmpty("your team"))
                .map(found -> new PublicView(found.getT2(), invitation.email(), invitation.role(), invitation.expiresAt(),
                        found.getT1().filter(KeycloakAccounts.Account::emailVerified).isPresent(),
                        invitation.person().firstName(), invitation.person().lastName(), invitation.person().phone())));
    }

    /**
     * Accepts once: the invitation's row is locked for the whole acceptance, so of many concurrent accepts
     * of one link exactly one succeeds and the others find it used (410).
     */
    Mono<Accepted> accept(String token, Optional<SignedIn> signedIn, AcceptRequest request) {
        return tx.transactional(usable(token, true).flatMap(invitation -> rights.currentRefusal(invitation.orgId(), invitation.invitedBy(), invitation.role())
                .flatMap(lostRights -> {
                    if (lostRights.isPresent()) {
                        return Mono.error(InvitationProblems.inviterLostRights(lostRights.get()));
                    }
                    Mono<Person> person = signedIn.map(caller -> existingAccount(invitation, caller)).orElseGet(() -> newAccount(invitation, request));
                    return person.flatMap(accepting -> record(invitation, accepting)
                            .onErrorResume(failure -> accepting.created()
                                    ? accounts.delete(accepting.userId()).onErrorResume(e -> Mono.empty()).then(Mono.error(failure))
                                    : Mono.error(failure)));
                })));
    }

    private Mono<Accepted> record(Invitation invitation, Person person) {
        Instant now = Instant.now(clock);
        Invitation.Change change = InvitationService.transition(() -> invitation.accept(person.userId(), person.displayName(), person.details(), now));
        return invitations.saveAccepted(change.invitation(), person.userId(), now)
                .then(outbox.append(change, person.userId().toString()))
                .thenReturn(new Accepted(invitation.orgId(), person.userId()));
    }

    private Mono<Person> existingAccount(Invitation invitation, SignedIn signedIn) {
        Caller caller = signedIn.caller();
        if (caller.email() == null || !caller.email().equalsIgnoreCase(invitation.email())) {
            return Mono.error(ProblemException.forbidden("This invitation is for another email address; sign in as " + invitation.email() + "."));
        }
        if (!signedIn.emailVerified()) {
            return Mono.error(new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.of("email-not-verified"),
                    "Your account's email address is not verified. Confirm it with the link we mailed you, "
                            + "or accept without signing in to set up the account from this invitation."));
        }
        return Mono.just(new Person(caller.userId(), caller.name(), null, false));
    }

    private Mono<Person> newAccount(Invitation invitation, AcceptRequest request) {
        if (request == null || request.password() == null || (blank(request.fullName()) && blank(request.firstName()))) {
            String field = request == null || request.password() != null ? "fullName" : "password";
            return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                    Map.of("errors", List.of(Map.of("field", field,
                            "message", "is required to create your account (or sign in to accept with an existing one)")))));
        }
        String[] split = blank(request.fullName()) ? new String[] {""} : request.fullName().trim().split("\\s+", 2);
        String first = blank(request.firstName()) ? split[0] : request.firstName().strip();
        String last = blank(request.lastName()) ? (split.length > 1 ? split[1] : "") : request.lastName().strip();
        String phone = blank(request.phone()) ? invitation.person().phone() : request.phone().strip();
        String displayName = blank(request.fullName()) ? (first + " " + last).strip() : request.fullName().strip();
        var account = new KeycloakAccounts.NewAccount(invitation.email(), request.password(), first, last, phone, false, true);
        return accounts.replaceUnverified(account, "An account with this email exists: sign in with it, then accept.")
                .map(created -> new Person(created.id(), displayName, new Invitation.Person(first, last, phone), true));
    }

    /** The invitation of a link that can be used now; 404 for an unknown link, 410 for a used, revoked, expired or replaced one. */
    private Mono<Invitation> usable(String token, boolean lock) {
        if (!SecretTokens.wellFormed(token)) {
            return Mono.error(ProblemException.notFound("invitation"));
        }
        byte[] hash = SecretTokens.hash(token);
        return invitations.findByTokenHash(hash, lock)
                .filter(found -> SecretTokens.matches(found.tokenHash(), token))
                .map(Invitations.WithHash::invitation)
                .switchIfEmpty(invitations.isRetired(hash).flatMap(retired -> Mono.error(retired
                        ? InvitationProblems.gone("This link was replaced by a newer one; use the latest invitation mail.")
                        : ProblemException.notFound("invitation"))))
                .map(found -> {
                    try {
                        return found.requireUsableAt(Instant.now(clock));
                    } catch (Invitation.Refused refused) {
                        throw InvitationProblems.of(refused);
                    }
                });
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
