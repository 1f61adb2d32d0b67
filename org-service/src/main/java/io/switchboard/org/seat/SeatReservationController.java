package io.switchboard.org.seat;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.org.access.Members;
import io.switchboard.org.organization.Organizations;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Seats held by pending invitations. identity-service calls this with the inviter's own token before it
 * stores an invitation; the check and the reservation happen under the org row lock that every membership
 * change takes, so invites and acceptances racing each other never exceed the plan. The gateway has no
 * route here: only services call it.
 */
@RestController
class SeatReservationController {

    record Reservation(@NotBlank String role, @NotNull Instant expiresAt) {
    }

    private final DatabaseClient db;
    private final Organizations organizations;
    private final Members members;
    private final TransactionalOperator tx;

    SeatReservationController(DatabaseClient db, Organizations organizations, Members members, ReactiveTransactionManager transactionManager) {
        this.db = db;
        this.organizations = organizations;
        this.members = members;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    /** Reserves (or, for a resend, extends) the seat of one invitation. VIEWER invitations take no seat. */
    @PutMapping("/api/orgs/{orgId}/seat-reservations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> reserve(@PathVariable UUID orgId, @PathVariable UUID invitationId, @Valid @RequestBody Reservation reservation,
                       @AuthenticationPrincipal Jwt token) {
        Mono<Void> reserved = organizations.lock(orgId).flatMap(org -> members.require(orgId, Caller.from(token), Permission.MEMBERS_INVITE)
                .then(db.sql("select count(*) from seat_reservations where invitation_id = :id").bind("id", invitationId)
                        .map(row -> row.get(0, Long.class)).one())
                .flatMap(existing -> {
                    boolean takesSeat = !BuiltInRole.VIEWER.name().equals(reservation.role());
                    Mono<Void> check = existing > 0 || !takesSeat ? Mono.empty() : organizations.seatsTaken(orgId)
                            .flatMap(taken -> taken < org.seatLimit() ? Mono.<Void>empty()
                                    : Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("seat-limit-reached"),
                                            "All " + org.seatLimit() + " seats of the " + org.plan() + " plan are taken (members and pending invitations).",
                                            Map.of("seatLimit", org.seatLimit(), "seatsTaken", taken))));
                    return check.then(db.sql("insert into seat_reservations (org_id, invitation_id, role, expires_at) values (:org, :id, :role, :expires) "
                                    + "on conflict (invitation_id) do update set expires_at = excluded.expires_at")
                            .bind("org", orgId).bind("id", invitationId).bind("role", reservation.role()).bind("expires", reservation.expiresAt())
                            .fetch().rowsUpdated()).then();
                }));
        return tx.transactional(reserved);
    }

    @DeleteMapping("/api/orgs/{orgId}/seat-reservations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> release(@PathVariable UUID orgId, @PathVariable UUID invitationId, @AuthenticationPrincipal Jwt token) {
        return members.require(orgId, Caller.from(token), Permission.MEMBERS_INVITE)
                .then(db.sql("delete from seat_reservations where org_id = :org and invitation_id = :id").bind("org", orgId).bind("id", invitationId)
                        .fetch().rowsUpdated())
                .then();
    }
}
