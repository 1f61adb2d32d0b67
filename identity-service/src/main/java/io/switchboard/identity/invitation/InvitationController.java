package io.switchboard.identity.invitation;

import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class InvitationController {

    private final InvitationService invitations;

    InvitationController(InvitationService invitations) {
        this.invitations = invitations;
    }

    @PostMapping("/api/orgs/{orgId}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Invitation> invite(@PathVariable UUID orgId, @Valid @RequestBody InviteRequest request, @AuthenticationPrincipal Jwt token) {
        return invitations.invite(orgId, Caller.from(token), token.getTokenValue(), request);
    }

    @GetMapping("/api/orgs/{orgId}/invitations")
    Flux<Invitation> list(@PathVariable UUID orgId, @RequestParam(required = false) InvitationStatus status, @AuthenticationPrincipal Jwt token) {
        return invitations.list(orgId, Caller.from(token), status == null ? null : status.name());
    }

    @PostMapping("/api/orgs/{orgId}/invitations/{invitationId}/resend")
    Mono<Invitation> resend(@PathVariable UUID orgId, @PathVariable UUID invitationId, @AuthenticationPrincipal Jwt token) {
        return invitations.resend(orgId, invitationId, Caller.from(token), token.getTokenValue());
    }

    @DeleteMapping("/api/orgs/{orgId}/invitations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(@PathVariable UUID orgId, @PathVariable UUID invitationId, @AuthenticationPrincipal Jwt token) {
        return invitations.revoke(orgId, invitationId, Caller.from(token), token.getTokenValue());
    }

    /** Public: what the accept page shows. */
    @GetMapping("/api/invitations/{token}")
    Mono<InvitationService.PublicView> lookup(@PathVariable String token) {
        return invitations.lookup(token);
    }

    /** Public: a new person sends {fullName, password}; a signed-in person sends their bearer token and no body. */
    @PostMapping("/api/invitations/{token}/accept")
    Mono<InvitationService.Accepted> accept(@PathVariable String token, @Valid @RequestBody(required = false) AcceptRequest request,
                                            @AuthenticationPrincipal Jwt bearer) {
        return invitations.accept(token, Optional.ofNullable(bearer).map(Caller::from), request);
    }

    enum InvitationStatus { PENDING, ACCEPTED, REVOKED }
}
