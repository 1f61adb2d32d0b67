package io.switchboard.portal.portals;

import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** An organization's portals. */
@RestController
class PortalController {

    private final PortalService portals;

    PortalController(PortalService portals) {
        this.portals = portals;
    }

    @GetMapping("/api/orgs/{orgId}/portals")
    Mono<List<PortalView>> list(@PathVariable UUID orgId, @RequestParam(defaultValue = "false") boolean includeArchived,
                                @AuthenticationPrincipal Jwt token) {
        return portals.list(orgId, Caller.from(token), includeArchived).collectList();
    }

    @PostMapping("/api/orgs/{orgId}/portals")
    Mono<ResponseEntity<PortalView>> create(@PathVariable UUID orgId, @Valid @RequestBody CreatePortalRequest request,
                                            @AuthenticationPrincipal Jwt token) {
        return portals.create(orgId, Caller.from(token), request)
                .map(portal -> ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/portals/" + portal.id())).body(portal));
    }

    @GetMapping("/api/orgs/{orgId}/portals/{portalId}")
    Mono<PortalView> get(@PathVariable UUID orgId, @PathVariable UUID portalId, @AuthenticationPrincipal Jwt token) {
        return portals.get(orgId, portalId, Caller.from(token));
    }

    @PatchMapping("/api/orgs/{orgId}/portals/{portalId}")
    Mono<PortalView> update(@PathVariable UUID orgId, @PathVariable UUID portalId, @Valid @RequestBody UpdatePortalRequest request,
                            @AuthenticationPrincipal Jwt token) {
        return portals.update(orgId, portalId, Caller.from(token), request);
    }

    @DeleteMapping("/api/orgs/{orgId}/portals/{portalId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> archive(@PathVariable UUID orgId, @PathVariable UUID portalId, @AuthenticationPrincipal Jwt token) {
        return portals.archive(orgId, portalId, Caller.from(token));
    }
}
