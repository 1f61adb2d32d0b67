package io.switchboard.identity.account;

import io.switchboard.identity.keycloak.KeycloakAccounts;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import jakarta.validation.Valid;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Sign-up (then the person creates an org) and sign-out. */
@RestController
class AccountController {

    private final KeycloakAccounts accounts;

    AccountController(KeycloakAccounts accounts) {
        this.accounts = accounts;
    }

    record SignedUp(UUID userId) {
    }

    @PostMapping("/api/signup")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SignedUp> signUp(@Valid @RequestBody SignUpRequest request) {
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        String[] names = request.fullName().trim().split("\\s+", 2);
        return accounts.findByEmail(email)
                .flatMap(existing -> existing.isPresent()
                        ? Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("account-exists"),
                                "An account with this email exists; sign in instead.", Map.of("errors",
                                java.util.List.of(Map.of("field", "email", "message", "is taken")))))
                        : accounts.create(email, request.password(), names[0], names.length > 1 ? names[1] : "", false))
                .map(account -> new SignedUp(account.id()));
    }

    /** Ends the Keycloak session of this token: its refresh token stops working. */
    @PostMapping("/api/me/sign-out")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> signOut(@RequestBody(required = false) @Valid SignOutRequest request, @AuthenticationPrincipal Jwt token) {
        String session = Caller.from(token).sessionId();
        return session == null ? Mono.empty() : accounts.endSession(session);
    }
}
