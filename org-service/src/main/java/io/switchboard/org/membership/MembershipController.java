package io.switchboard.org.membership;

import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class MembershipController {

    private final MembershipService memberships;

    MembershipController(MembershipService memberships) {
        this.memberships = memberships;
    }

    @GetMapping("/api/orgs/{orgId}/members")
    Flux<MemberView> list(@PathVariable UUID orgId, @AuthenticationPrincipal Jwt token) {
        return memberships.list(orgId, Caller.from(token));
    }

    @GetMapping("/api/orgs/{orgId}/members/{userId}")
    Mono<MemberView> get(@PathVariable UUID orgId, @PathVariable UUID userId, @AuthenticationPrincipal Jwt token) {
        return memberships.get(orgId, userId, Caller.from(token));
    }

    @PatchMapping("/api/orgs/{orgId}/members/{userId}")
    Mono<MemberView> changeRole(@PathVariable UUID orgId, @PathVariable UUID userId, @Valid @RequestBody ChangeRoleRequest request,
                                @AuthenticationPrincipal Jwt token) {
        return memberships.changeRole(orgId, userId, request.role(), Caller.from(token));
    }

    @DeleteMapping("/api/orgs/{orgId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> remove(@PathVariable UUID orgId, @PathVariable UUID userId, @AuthenticationPrincipal Jwt token) {
        return memberships.remove(orgId, userId, Caller.from(token));
    }

    @PostMapping("/api/orgs/{orgId}/members/{userId}/deactivate")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deactivate(@PathVariable UUID orgId, @PathVariable UUID userId, @AuthenticationPrincipal Jwt token) {
        return memberships.deactivate(orgId, userId, Caller.from(token));
    }

    @PostMapping("/api/orgs/{orgId}/members/{userId}/reactivate")
    Mono<MemberView> reactivate(@PathVariable UUID orgId, @PathVariable UUID userId, @AuthenticationPrincipal Jwt token) {
        return memberships.reactivate(orgId, userId, Caller.from(token));
    }

    @DeleteMapping("/api/me/orgs/{orgId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> leave(@PathVariable UUID orgId, @AuthenticationPrincipal Jwt token) {
        return memberships.leave(orgId, Caller.from(token));
    }
}
