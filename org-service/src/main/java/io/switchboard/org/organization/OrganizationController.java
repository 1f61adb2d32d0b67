package io.switchboard.org.organization;

import io.switchboard.org.access.FreshAuthentication;
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
class OrganizationController {

    private final OrganizationService organizations;

    OrganizationController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @PostMapping("/api/orgs")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<OrganizationView> create(@Valid @RequestBody CreateOrganizationRequest request, @AuthenticationPrincipal Jwt token) {
        return organizations.create(Caller.from(token), request);
    }

    @GetMapping("/api/me/orgs")
    Flux<MyOrganization> mine(@AuthenticationPrincipal Jwt token) {
        return organizations.mine(Caller.from(token));
    }

    @GetMapping("/api/orgs/{orgId}")
    Mono<OrganizationView> get(@PathVariable UUID orgId, @AuthenticationPrincipal Jwt token) {
        return organizations.get(orgId, Caller.from(token));
    }

    @PatchMapping("/api/orgs/{orgId}")
    Mono<OrganizationView> update(@PathVariable UUID orgId, @Valid @RequestBody UpdateOrganizationRequest request, @AuthenticationPrincipal Jwt token) {
        return organizations.update(orgId, Caller.from(token), request);
    }

    @DeleteMapping("/api/orgs/{orgId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable UUID orgId, @AuthenticationPrincipal Jwt token) {
        return organizations.delete(orgId, Caller.from(token), FreshAuthentication.signedInAt(token));
    }
}
