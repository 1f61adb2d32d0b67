package io.switchboard.identity.account;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.notification.EmailRequested;
import io.switchboard.identity.keycloak.KeycloakAccounts;
import io.switchboard.identity.limits.MailQuota;
import io.switchboard.identity.token.SecretTokens;
import io.switchboard.messaging.Outbox;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Proving a mailbox: a link with a 256-bit token (only its SHA-256 stored) goes to the address; using it
 * once, before it expires, marks the account's email verified in Keycloak. Until then the account is no
 * identity: its tokens say {@code email_verified=false} (the gateway refuses them) and it never blocks the
 * address's real owner.
 */
@Service
class EmailConfirmationService {

    record Confirmed(UUID userId, String email) {
    }

    private final EmailConfirmations confirmations;
    private final KeycloakAccounts accounts;
    private final Outbox outbox;
    private final MailQuota quota;
    private final AccountProperties properties;
    private final Clock clock;
    private final TransactionalOperator tx;

    EmailConfirmationService(EmailConfirmations confirmations, KeycloakAccounts accounts, Outbox outbox, MailQuota quota,
                             AccountProperties properties, Clock clock, ReactiveTransactionManager transactionManager) {
        this.confirmations = confirmations;
        this.accounts = accounts;
        this.outbox = outbox;
        this.quota = quota;
        this.properties = properties;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    /**
     * Stores a new confirmation for {@code userId} and appends its mail (rendered from the link by {@code mail}).
     * Call inside the transaction that completes the account's creation. {@code orgId} and {@code sender} may be null.
     */
    Mono<Void> issue(UUID userId, String email, EmailConfirmations.Purpose purpose, UUID orgId, UUID sender,
                     Function<String, EmailRequested> mail) {
        String token = SecretTokens.newToken();
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        EmailRequested request = mail.apply(properties.publicUrl() + "/confirm-email#" + token);
        return confirmations.insert(userId, email, purpose, SecretTokens.hash(token), now, now.plus(properties.confirmationValidity()))
                .then(outbox.append(EventCatalog.EMAIL_REQUESTED, request.orgId(), sender == null ? userId.toString() : sender.toString(), request))
                .then(quota.record(orgId, sender, email, request.kind()));
    }

    /** Uses the link: once, before it expires, for an account that still has the address. */
    Mono<Confirmed> confirm(String token) {
        if (!SecretTokens.wellFormed(token)) {
            return Mono.error(notFound());
        }
        Instant now = Instant.now(clock);
        return tx.transactional(confirmations.lockByHash(SecretTokens.hash(token))
                .filter(found -> SecretTokens.matches(found.tokenHash(), token))
                .switchIfEmpty(Mono.error(EmailConfirmationService::notFound))
                .flatMap(found -> {
                    if (found.usedAt() != null) {
                        return Mono.error(gone("This confirmation link was already used."));
                    }
                    if (!found.expiresAt().isAfter(now)) {
                        return Mono.error(gone("This confirmation link expired; sign up again (or ask your administrator) for a new one."));
                    }
                    return confirmations.markUsed(found.id(), now)
                            .then(accounts.markEmailVerified(found.userId(), found.email()))
                            .flatMap(verified -> verified ? Mono.just(new Confirmed(found.userId(), found.email()))
                                    : Mono.error(gone("The account this link was for no longer exists.")));
                }));
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("confirmation link");
    }

    private static ProblemException gone(String detail) {
        return new ProblemException(HttpStatus.GONE, ProblemTypes.of("confirmation-gone"), detail);
    }
}
