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
    private final jakarta.validation.Validator validator;

    InvitationController(InvitationService invitations, jakarta.validation.Validator validator) {
        this.invitations = invitations;
        this.validator = validator;
    }

    @PostMapping("/api/orgs/{orgId}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Invitation> invite(@PathVariable UUID orgId, @Valid @RequestBody InviteRequest request, @AuthenticationPrincipal Jwt token) {
        return invitations.invite(orgId, Caller.from(token), token.getTokenValue(), request);
    }

    record BatchResult(int index, int status, Invitation invitation, org.springframework.http.ProblemDetail problem) {
    }

    /** Invites several people; each item succeeds or fails on its own (207 with one result per item, in order). */
    @PostMapping("/api/orgs/{orgId}/invitations/batch")
    Mono<org.springframework.http.ResponseEntity<java.util.List<BatchResult>>> batch(@PathVariable UUID orgId,
            @RequestBody java.util.List<InviteRequest> requests, @AuthenticationPrincipal Jwt token) {
        if (requests.isEmpty() || requests.size() > 100) {
            return Mono.error(new io.switchboard.web.ProblemException(HttpStatus.BAD_REQUEST, io.switchboard.web.ProblemTypes.VALIDATION,
                    "Send 1 to 100 invitations at once."));
        }
        return reactor.core.publisher.Flux.range(0, requests.size())
                .concatMap(index -> validated(requests.get(index))
                        .flatMap(request -> invitations.invite(orgId, Caller.from(token), token.getTokenValue(), request))
                        .map(invitation -> new BatchResult(index, 201, invitation, null))
                        .onErrorResume(io.switchboard.web.ProblemException.class, problem -> {
                            var detail = org.springframework.http.ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
                            detail.setType(problem.type());
                            problem.properties().forEach(detail::setProperty);
                            return Mono.just(new BatchResult(index, problem.status().value(), null, detail));
                        }))
                .collectList()
                .map(results -> org.springframework.http.ResponseEntity.status(HttpStatus.MULTI_STATUS).body(results));
    }

    private Mono<InviteRequest> validated(InviteRequest request) {
        var violations = validator.validate(request);
        if (violations.isEmpty()) {
            return Mono.just(request);
        }
        var errors = violations.stream().map(v -> java.util.Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage())).toList();
        return Mono.error(new io.switchboard.web.ProblemException(HttpStatus.BAD_REQUEST, io.switchboard.web.ProblemTypes.VALIDATION,
                "The request has invalid fields.", java.util.Map.of("errors", errors)));
    }

    @PostMapping("/api/orgs/{orgId}/users")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<InvitationService.CreatedUser> createUser(@PathVariable UUID orgId, @Valid @RequestBody io.switchboard.identity.account.CreateUserRequest request,
                                                   @AuthenticationPrincipal Jwt token) {
        return invitations.createUser(orgId, Caller.from(token), token.getTokenValue(), request);
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
