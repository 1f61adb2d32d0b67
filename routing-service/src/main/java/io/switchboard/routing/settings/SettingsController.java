package io.switchboard.routing.settings;

import io.switchboard.web.Caller;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A portal's routing settings. */
@RestController
class SettingsController {

    private final SettingsService settings;

    SettingsController(SettingsService settings) {
        this.settings = settings;
    }

    @GetMapping("/api/orgs/{orgId}/routing/portals/{portalId}")
    Mono<SettingsView> get(@PathVariable UUID orgId, @PathVariable UUID portalId, @AuthenticationPrincipal Jwt token) {
        return settings.get(orgId, portalId, Caller.from(token));
    }

    @PutMapping("/api/orgs/{orgId}/routing/portals/{portalId}")
    Mono<SettingsView> replace(@PathVariable UUID orgId, @PathVariable UUID portalId, @RequestBody SettingsRequest request,
                               @AuthenticationPrincipal Jwt token) {
        return settings.replace(orgId, portalId, Caller.from(token), request);
    }
}
