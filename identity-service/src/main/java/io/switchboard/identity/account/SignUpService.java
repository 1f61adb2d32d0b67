package io.switchboard.identity.account;

import io.switchboard.identity.keycloak.KeycloakAccounts;
import io.switchboard.identity.limits.MailQuota;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Public sign-up: an account whose email is NOT verified, and a confirmation mail. Signing up with an address
 * whose account was never confirmed replaces that account (its password stops working), so nobody can lock
 * the real owner out by signing up first; a confirmed address answers 409.
 */
@Service
class SignUpService {

    record SignedUp(UUID userId) {
    }

    private final KeycloakAccounts accounts;
    private final EmailConfirmationService confirmations;
    private final MailQuota quota;
    private final AccountProperties properties;
    private final TransactionalOperator tx;

    SignUpService(KeycloakAccounts accounts, EmailConfirmationService confirmations, MailQuota quota, AccountProperties properties,
                  ReactiveTransactionManager transactionManager) {
        this.accounts = accounts;
        this.confirmations = confirmations;
        this.quota = quota;
        this.properties = properties;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    Mono<SignedUp> signUp(SignUpRequest request) {
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        String[] names = request.fullName().trim().split("\\s+", 2);
        var account = new KeycloakAccounts.NewAccount(email, request.password(), names[0], names.length > 1 ? names[1] : "", null, false, false);
        return quota.require(null, null, email)
                .then(accounts.replaceUnverified(account, "An account with this email exists; sign in instead."))
                .onErrorMap(e -> e instanceof ProblemException problem && problem.status() == HttpStatus.CONFLICT,
                        e -> new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("account-exists"), e.getMessage(),
                                Map.of("errors", List.of(Map.of("field", "email", "message", "is taken")))))
                .flatMap(created -> tx.transactional(confirmations.issue(created.id(), email, EmailConfirmations.Purpose.SIGNUP, null, null,
                                link -> ConfirmationMail.render(email, link, properties.confirmationValidity())))
                        .onErrorResume(failure -> accounts.delete(created.id()).onErrorResume(e -> Mono.empty()).then(Mono.error(failure)))
                        .thenReturn(new SignedUp(created.id())));
    }
}
