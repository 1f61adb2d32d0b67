package io.switchboard.portal.dashboard;

import io.switchboard.web.Caller;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The portal dashboards. {@code /portals/overview} is a literal path segment and wins over the {@code {portalId}}
 * pattern of the portal routes (Spring matches the more specific pattern first; a portalId is a UUID anyway).
 */
@RestController
class DashboardController {

    private final DashboardService dashboards;

    DashboardController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/api/orgs/{orgId}/portals/{portalId}/dashboard")
    Mono<DashboardView> dashboard(@PathVariable UUID orgId, @PathVariable UUID portalId, @AuthenticationPrincipal Jwt token) {
        return dashboards.dashboard(orgId, portalId, Caller.from(token));
    }

    @GetMapping("/api/orgs/{orgId}/portals/overview")
    Mono<OverviewView> overview(@PathVariable UUID orgId, @AuthenticationPrincipal Jwt token) {
        return dashboards.overview(orgId, Caller.from(token));
    }
}
