package io.switchboard.identity.invitation;

import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Public: what the holder of an invitation link does. The token may come in the path (the link's own form)
 * or, better, in a POST body ({@code /api/invitations/lookup}, {@code /api/invitations/accept}) where no
 * access log or Referer header sees it. Error logs redact both (platform/web's LogSafePaths).
 */
@RestController
class InvitationLinkController {

    private final InvitationAcceptance acceptance;

    InvitationLinkController(InvitationAcceptance acceptance) {
        this.acceptance = acceptance;
    }

    record TokenRequest(@NotBlank @Size(max = 64) String token) {
        @Override
        public String toString() {
            return "TokenRequest[token=***]";
        }
    }

    record AcceptWithToken(@NotBlank @Size(max = 64) String token, @Size(min = 1, max = 120) String fullName,
                           @Size(min = 8, max = 128) String password, @Size(max = 60) String firstName, @Size(max = 60) String lastName,
                           @Pattern(regexp = "\\+?[0-9 ()-]{4,32}") String phone) {
        @Override
        public String toString() {
            return "AcceptWithToken[token=***, fullName=" + fullName + ", password=***]";
        }
    }

    @GetMapping("/api/invitations/{token}")
    Mono<InvitationAcceptance.PublicView> lookup(@PathVariable String token) {
        return acceptance.lookup(token);
    }

    @PostMapping("/api/invitations/lookup")
    Mono<InvitationAcceptance.PublicView> lookup(@Valid @RequestBody TokenRequest request) {
        return acceptance.lookup(request.token());
    }

    /** A new person sends {fullName | firstName+lastName, password, phone?}; a signed-in person sends their bearer token and no body. */
    @PostMapping("/api/invitations/{token}/accept")
    Mono<InvitationAcceptance.Accepted> accept(@PathVariable String token, @Valid @RequestBody(required = false) AcceptRequest request,
                                               @AuthenticationPrincipal Jwt bearer) {
        return acceptance.accept(token, signedIn(bearer), request);
    }

    @PostMapping("/api/invitations/accept")
    Mono<InvitationAcceptance.Accepted> accept(@Valid @RequestBody AcceptWithToken request, @AuthenticationPrincipal Jwt bearer) {
        AcceptRequest details = request.password() == null && request.fullName() == null && request.firstName() == null ? null
                : new AcceptRequest(request.fullName(), request.password(), request.firstName(), request.lastName(), request.phone());
        return acceptance.accept(request.token(), signedIn(bearer), details);
    }

    private static Optional<InvitationAcceptance.SignedIn> signedIn(Jwt bearer) {
        return Optional.ofNullable(bearer).map(jwt -> new InvitationAcceptance.SignedIn(Caller.from(jwt),
                Boolean.TRUE.equals(jwt.getClaimAsBoolean("email_verified"))));
    }
}
