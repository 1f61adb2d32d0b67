package io.switchboard.org.seat;

import io.switchboard.messaging.change.Actor;
import io.switchboard.org.access.RealmRoles;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Service-to-service only: the caller's token must carry the realm role {@code seat-reserver} (identity-service's
 * service account); user tokens, whatever their org role, get 403. The gateway has no route to /internal/**.
 */
@RestController
class SeatReservationController {

    private final Seats seats;

    SeatReservationController(Seats seats) {
        this.seats = seats;
    }

    @PutMapping("/internal/orgs/{orgId}/seat-reservations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> reserve(@PathVariable UUID orgId, @PathVariable UUID invitationId, @Valid @RequestBody Mono<ReservationRequest> request,
                       @AuthenticationPrincipal Jwt token) {
        // the caller's identity first: a user token is refused before its body is even read
        RealmRoles.require(token, RealmRoles.SEAT_RESERVER);
        return request.flatMap(valid -> seats.reserve(orgId, invitationId, valid, service(token)));
    }

    @DeleteMapping("/internal/orgs/{orgId}/seat-reservations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> release(@PathVariable UUID orgId, @PathVariable UUID invitationId, @AuthenticationPrincipal Jwt token) {
        RealmRoles.require(token, RealmRoles.SEAT_RESERVER);
        return seats.release(orgId, invitationId, service(token));
    }

    private static Actor service(Jwt token) {
        String client = token.getClaimAsString("azp");
        return new Actor(null, client != null ? client : "service");
    }
}
