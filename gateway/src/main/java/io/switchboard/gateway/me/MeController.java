package io.switchboard.gateway.me;

import io.switchboard.web.Caller;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/me}: who the token says the caller is, answered by the gateway itself. */
@RestController
class MeController {

    @GetMapping("/api/me")
    Mono<Me> me(@AuthenticationPrincipal Jwt token) {
        Caller caller = Caller.from(token);
        return Mono.just(new Me(caller.userId(), caller.email(), caller.name()));
    }

    record Me(UUID id, String email, String name) {
    }
}
