package io.switchboard.routing.profiles;

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

/** A member's routing profile. */
@RestController
class ProfileController {

    private final ProfileService profiles;

    ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/orgs/{orgId}/members/{userId}/routing-profile")
    Mono<ProfileView> get(@PathVariable UUID orgId, @PathVariable UUID userId, @AuthenticationPrincipal Jwt token) {
        return profiles.get(orgId, userId, Caller.from(token));
    }

    @PutMapping("/api/orgs/{orgId}/members/{userId}/routing-profile")
    Mono<ProfileView> replace(@PathVariable UUID orgId, @PathVariable UUID userId, @RequestBody ProfileRequest request,
                              @AuthenticationPrincipal Jwt token) {
        return profiles.replace(orgId, userId, Caller.from(token), request);
    }
}
