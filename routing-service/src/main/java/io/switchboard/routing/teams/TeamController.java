package io.switchboard.routing.teams;

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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Teams of an organization's portals, and their members. */
@RestController
class TeamController {

    private final TeamService teams;

    TeamController(TeamService teams) {
        this.teams = teams;
    }

    @GetMapping("/api/orgs/{orgId}/teams")
    Mono<List<TeamView>> list(@PathVariable UUID orgId, @RequestParam(required = false) UUID portalId, @AuthenticationPrincipal Jwt token) {
        return teams.list(orgId, portalId, Caller.from(token)).collectList();
    }

    @PostMapping("/api/orgs/{orgId}/teams")
    Mono<ResponseEntity<TeamView>> create(@PathVariable UUID orgId, @Valid @RequestBody CreateTeamRequest request, @AuthenticationPrincipal Jwt token) {
        return teams.create(orgId, Caller.from(token), request)
                .map(team -> ResponseEntity.created(URI.create("/api/orgs/" + orgId + "/teams/" + team.id())).body(team));
    }

    @GetMapping("/api/orgs/{orgId}/teams/{teamId}")
    Mono<TeamView> get(@PathVariable UUID orgId, @PathVariable UUID teamId, @AuthenticationPrincipal Jwt token) {
        return teams.get(orgId, teamId, Caller.from(token));
    }

    @PatchMapping("/api/orgs/{orgId}/teams/{teamId}")
    Mono<TeamView> update(@PathVariable UUID orgId, @PathVariable UUID teamId, @Valid @RequestBody UpdateTeamRequest request,
                          @AuthenticationPrincipal Jwt token) {
        return teams.update(orgId, teamId, Caller.from(token), request);
    }

    @DeleteMapping("/api/orgs/{orgId}/teams/{teamId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable UUID orgId, @PathVariable UUID teamId, @AuthenticationPrincipal Jwt token) {
        return teams.delete(orgId, teamId, Caller.from(token));
    }

    @PutMapping("/api/orgs/{orgId}/teams/{teamId}/members/{userId}")
    Mono<TeamView> addMember(@PathVariable UUID orgId, @PathVariable UUID teamId, @PathVariable UUID userId, @AuthenticationPrincipal Jwt token) {
        return teams.addMember(orgId, teamId, userId, Caller.from(token));
    }

    @DeleteMapping("/api/orgs/{orgId}/teams/{teamId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> removeMember(@PathVariable UUID orgId, @PathVariable UUID teamId, @PathVariable UUID userId, @AuthenticationPrincipal Jwt token) {
        return teams.removeMember(orgId, teamId, userId, Caller.from(token));
    }
}
