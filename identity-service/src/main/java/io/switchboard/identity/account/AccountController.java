package io.switchboard.identity.account;

import io.switchboard.identity.keycloak.KeycloakAccounts;
import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Sign-up and its confirmation (then the person creates an org), and sign-out. */
@RestController
class AccountController {

    private final SignUpService signUps;
    private final EmailConfirmationService confirmations;
    private final KeycloakAccounts accounts;

    AccountController(SignUpService signUps, EmailConfirmationService confirmations, KeycloakAccounts accounts) {
        this.signUps = signUps;
        this.confirmations = confirmations;
        this.accounts = accounts;
    }

    record ConfirmRequest(@NotBlank @Size(max = 64) String token) {
        @Override
        public String toString() {
            return "ConfirmRequest[token=***]";
        }
    }

    /** 201: the account exists but counts only once the mailed link confirms the address. */
    @PostMapping("/api/signup")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SignUpService.SignedUp> signUp(@Valid @RequestBody SignUpRequest request) {
        return signUps.signUp(request);
    }

    /** Public: the token from a confirmation link (sign-up or welcome mail), in the body. */
    @PostMapping("/api/signup/confirm")
    Mono<EmailConfirmationService.Confirmed> confirm(@Valid @RequestBody ConfirmRequest request) {
        return confirmations.confirm(request.token());
    }

    /** Ends the Keycloak session of this token: its refresh token stops working. */
    @PostMapping("/api/me/sign-out")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> signOut(@RequestBody(required = false) @Valid SignOutRequest request, @AuthenticationPrincipal Jwt token) {
        String session = Caller.from(token).sessionId();
        return session == null ? Mono.empty() : accounts.endSession(session);
    }
}
