package io.switchboard.routing.leadstatus;

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

/** The organization's lead statuses: read with leads:read, replaced with settings:write. */
@RestController
class LeadStatusController {

    private final LeadStatusService statuses;

    LeadStatusController(LeadStatusService statuses) {
        this.statuses = statuses;
    }

    @GetMapping("/api/orgs/{orgId}/lead-statuses")
    Mono<LeadStatusesView> get(@PathVariable UUID orgId, @AuthenticationPrincipal Jwt token) {
        return statuses.get(orgId, Caller.from(token));
    }

    @PutMapping("/api/orgs/{orgId}/lead-statuses")
    Mono<LeadStatusesView> replace(@PathVariable UUID orgId, @RequestBody LeadStatusesRequest request, @AuthenticationPrincipal Jwt token) {
        return statuses.replace(orgId, request, Caller.from(token));
    }
}
