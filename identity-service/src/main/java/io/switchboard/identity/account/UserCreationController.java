package io.switchboard.identity.account;

import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Direct creation of a member's account by someone allowed to invite with that role. */
@RestController
class UserCreationController {

    private final UserCreationService users;

    UserCreationController(UserCreationService users) {
        this.users = users;
    }

    @PostMapping("/api/orgs/{orgId}/users")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UserCreationService.CreatedUser> create(@PathVariable UUID orgId, @Valid @RequestBody CreateUserRequest request,
                                                 @AuthenticationPrincipal Jwt token) {
        return users.create(orgId, Caller.from(token), request);
    }
}
