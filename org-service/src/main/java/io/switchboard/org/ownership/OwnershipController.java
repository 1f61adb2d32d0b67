package io.switchboard.org.ownership;

import io.switchboard.org.access.FreshAuthentication;
import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class OwnershipController {

    private final OwnershipService ownership;

    OwnershipController(OwnershipService ownership) {
        this.ownership = ownership;
    }

    /** Needs a token whose auth_time is at most 5 minutes old: the client asks for the password again. */
    @PostMapping("/api/orgs/{orgId}/ownership-transfer")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Transfer> request(@PathVariable UUID orgId, @Valid @RequestBody TransferRequest request, @AuthenticationPrincipal Jwt token) {
        return ownership.request(orgId, Caller.from(token), FreshAuthentication.signedInAt(token), request);
    }

    @GetMapping("/api/orgs/{orgId}/ownership-transfer")
    Mono<Transfer> pending(@PathVariable UUID orgId, @AuthenticationPrincipal Jwt token) {
        return ownership.pending(orgId, Caller.from(token));
    }

    @DeleteMapping("/api/orgs/{orgId}/ownership-transfer")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> cancel(@PathVariable UUID orgId, @AuthenticationPrincipal Jwt token) {
        return ownership.cancel(orgId, Caller.from(token));
    }

    @PostMapping("/api/orgs/{orgId}/ownership-transfer/accept")
    Mono<Transfer> accept(@PathVariable UUID orgId, @AuthenticationPrincipal Jwt token) {
        return ownership.accept(orgId, Caller.from(token));
    }
}
