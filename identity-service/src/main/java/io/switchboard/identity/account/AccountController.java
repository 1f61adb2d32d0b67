package io.switchboard.identity.account;

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
    private final SignOutService signOuts;

    AccountController(SignUpService signUps, EmailConfirmationService confirmations, SignOutService signOuts) {
        this.signUps = signUps;
        this.confirmations = confirmations;
        this.signOuts = signOuts;
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

    /**
     * Signs this token's session out: identity.session.ended is published (the gateway refuses the session's tokens from
     * then on), then the Keycloak session ends (its refresh token stops working). 204; 503 session-not-ended when Keycloak
     * failed (the event stands; signing out again finishes it). See {@link SignOutService}.
     */
    @PostMapping("/api/me/sign-out")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> signOut(@RequestBody(required = false) @Valid SignOutRequest request, @AuthenticationPrincipal Jwt token) {
        return signOuts.signOut(Caller.from(token), request == null ? null : request.deviceId());
    }
}
