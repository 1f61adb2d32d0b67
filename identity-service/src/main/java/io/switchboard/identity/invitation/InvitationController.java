package io.switchboard.identity.invitation;

import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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

/** An organization's invitations, for those allowed to invite. */
@RestController
class InvitationController {

    static final int MAX_BATCH = 100;

    private final InvitationService invitations;
    private final Validator validator;

    InvitationController(InvitationService invitations, Validator validator) {
        this.invitations = invitations;
        this.validator = validator;
    }

    @PostMapping("/api/orgs/{orgId}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<InvitationView> invite(@PathVariable UUID orgId, @Valid @RequestBody InviteRequest request, @AuthenticationPrincipal Jwt token) {
        return invitations.invite(orgId, Caller.from(token), request);
    }

    record BatchResult(int index, int status, InvitationView invitation, ProblemDetail problem) {
    }

    /** Invites several people; each item succeeds or fails on its own (207 with one result per item, in order). */
    @PostMapping("/api/orgs/{orgId}/invitations/batch")
    Mono<ResponseEntity<List<BatchResult>>> batch(@PathVariable UUID orgId, @RequestBody List<InviteRequest> requests,
                                                  @AuthenticationPrincipal Jwt token) {
        if (requests.isEmpty() || requests.size() > MAX_BATCH) {
            return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Send 1 to " + MAX_BATCH + " invitations at once."));
        }
        Caller caller = Caller.from(token);
        return Flux.range(0, requests.size())
                .concatMap(index -> validated(requests.get(index))
                        .flatMap(request -> invitations.invite(orgId, caller, request))
                        .map(invitation -> new BatchResult(index, 201, invitation, null))
                        .onErrorResume(ProblemException.class, problem -> Mono.just(new BatchResult(index, problem.status().value(), null, detail(problem)))))
                .collectList()
                .map(results -> ResponseEntity.status(HttpStatus.MULTI_STATUS).body(results));
    }

    private static ProblemDetail detail(ProblemException problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        detail.setType(problem.type());
        problem.properties().forEach(detail::setProperty);
        return detail;
    }

    private Mono<InviteRequest> validated(InviteRequest request) {
        var violations = validator.validate(request);
        if (violations.isEmpty()) {
            return Mono.just(request);
        }
        var errors = violations.stream().map(v -> Map.of("field", field(v.getPropertyPath()), "message", v.getMessage())).toList();
        return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.", Map.of("errors", errors)));
    }

    /** A property path as the single endpoint names it: {@code portalIds[0]}, not {@code portalIds[0].<list element>}. */
    private static String field(jakarta.validation.Path path) {
        return path.toString().replace(".<list element>", "");
    }

    @GetMapping("/api/orgs/{orgId}/invitations")
    Flux<InvitationView> list(@PathVariable UUID orgId, @RequestParam(required = false) Invitation.Status status, @AuthenticationPrincipal Jwt token) {
        return invitations.list(orgId, Caller.from(token), status);
    }

    @PostMapping("/api/orgs/{orgId}/invitations/{invitationId}/resend")
    Mono<InvitationView> resend(@PathVariable UUID orgId, @PathVariable UUID invitationId, @AuthenticationPrincipal Jwt token) {
        return invitations.resend(orgId, invitationId, Caller.from(token));
    }

    @DeleteMapping("/api/orgs/{orgId}/invitations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(@PathVariable UUID orgId, @PathVariable UUID invitationId, @AuthenticationPrincipal Jwt token) {
        return invitations.revoke(orgId, invitationId, Caller.from(token));
    }
}
