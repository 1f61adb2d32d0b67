package io.switchboard.portal.portals;

import io.switchboard.events.access.PortalRole;
import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Portal members, their availability (per portal, and the caller's person-level switch) and the availability log. */
@RestController
class MemberController {

    private final MemberService members;

    MemberController(MemberService members) {
        this.members = members;
    }

    @GetMapping("/api/orgs/{orgId}/portals/{portalId}/members")
    Mono<List<MemberView>> list(@PathVariable UUID orgId, @PathVariable UUID portalId, @AuthenticationPrincipal Jwt token) {
        return members.list(orgId, portalId, Caller.from(token));
    }

    /** 201 when the person joined the portal, 200 when their portal role changed or stayed. */
    @PutMapping("/api/orgs/{orgId}/portals/{portalId}/members/{userId}")
    Mono<ResponseEntity<MemberView>> put(@PathVariable UUID orgId, @PathVariable UUID portalId, @PathVariable UUID userId,
                                         @Valid @RequestBody PutMemberRequest request, @AuthenticationPrincipal Jwt token) {
        return members.put(orgId, portalId, userId, PortalRole.valueOf(request.portalRole()), Caller.from(token))
                .map(put -> ResponseEntity.status(put.created() ? HttpStatus.CREATED : HttpStatus.OK).body(put.member()));
    }

    @DeleteMapping("/api/orgs/{orgId}/portals/{portalId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> remove(@PathVariable UUID orgId, @PathVariable UUID portalId, @PathVariable UUID userId, @AuthenticationPrincipal Jwt token) {
        return members.remove(orgId, portalId, userId, Caller.from(token));
    }

    @PutMapping("/api/orgs/{orgId}/portals/{portalId}/members/{userId}/availability")
    Mono<MemberView> availability(@PathVariable UUID orgId, @PathVariable UUID portalId, @PathVariable UUID userId,
                                  @Valid @RequestBody AvailabilityRequest request, @AuthenticationPrincipal Jwt token) {
        return members.setAvailability(orgId, portalId, userId, request, Caller.from(token));
    }

    /** The caller's "Away" switch: every portal they are in at once. */
    @PutMapping("/api/orgs/{orgId}/portals/availability")
    Mono<List<MemberService.PortalAvailability>> awaySwitch(@PathVariable UUID orgId, @Valid @RequestBody AvailabilityRequest request,
                                                            @AuthenticationPrincipal Jwt token) {
        return members.awaySwitch(orgId, request, Caller.from(token));
    }

    /** Newest first; {@code before} is the {@code nextBefore} of the previous page. */
    @GetMapping("/api/orgs/{orgId}/portals/{portalId}/availability-log")
    Mono<LogPage> log(@PathVariable UUID orgId, @PathVariable UUID portalId, @RequestParam(required = false) UUID userId,
                      @RequestParam(required = false) Long before,
                      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit, @AuthenticationPrincipal Jwt token) {
        return members.log(orgId, portalId, userId, before, limit, Caller.from(token));
    }
}
