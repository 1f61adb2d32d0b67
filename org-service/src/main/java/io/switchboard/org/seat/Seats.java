package io.switchboard.org.seat;

import io.switchboard.events.access.GrantRules;
import io.switchboard.events.identity.InvitationAccepted;
import io.switchboard.events.identity.InvitationRevoked;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.org.access.Member;
import io.switchboard.org.access.Members;
import io.switchboard.org.access.Roles;
import io.switchboard.org.organization.OrgWrites;
import io.switchboard.org.organization.Organization;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Seats held by pending invitations. identity-service reserves one (service token with realm role
 * {@code seat-reserver}) before it stores an invitation; the check and the reservation happen under the org
 * lock every membership change takes, so invitations and acceptances racing each other never exceed the plan.
 * Accepting an invitation claims its reservation; revoking it releases it.
 */
@Service
public class Seats {

    /** An invitation lives 7 days; a reservation may outlive it by a day, never more. */
    public static final Duration MAX_RESERVATION = Duration.ofDays(8);

    private final SeatReservations reservations;
    private final OrgWrites writes;
    private final Members members;
    private final Roles roles;
    private final Clock clock;

    Seats(SeatReservations reservations, OrgWrites writes, Members members, Roles roles, Clock clock) {
        this.reservations = reservations;
        this.writes = writes;
        this.members = members;
        this.roles = roles;
        this.clock = clock;
    }

    /** Reserves the seat of a new invitation, or extends the reservation of a resent one. */
    Mono<Void> reserve(UUID orgId, UUID invitationId, ReservationRequest request, Actor service) {
        Instant now = Instant.now(clock);
        if (!request.expiresAt().isAfter(now)) {
            return Mono.error(invalid("expiresAt", "must be in the future"));
        }
        if (request.expiresAt().isAfter(now.plus(MAX_RESERVATION))) {
            return Mono.error(invalid("expiresAt", "must be at most 8 days ahead"));
        }
        SeatReservation wanted = new SeatReservation(orgId, invitationId, request.role(), request.expiresAt(), request.invitedBy());
        return writes.as(orgId, service, org -> roles.permissionsOf(orgId, request.role())
                .then(reservations.find(orgId, invitationId)
                        .flatMap(existing -> extend(existing, wanted))
                        .switchIfEmpty(Mono.defer(() -> reserveNew(org, wanted)))));
    }

    /**
     * Releases a reservation of this organization (idempotent: releasing one that is gone, e.g. already freed by
     * the revocation event, is fine). Another organization's reservation of the same invitation id is never touched.
     */
    Mono<Void> release(UUID orgId, UUID invitationId, Actor service) {
        return writes.as(orgId, service, org -> reservations.delete(orgId, invitationId).thenReturn(Change.<Void>none(null)));
    }

    /**
     * Inside a join: the reservation made when this invitation was sent, in this organization, for this role,
     * by someone who may still give that role (under the organization's settings now: a MANAGER's MANAGER
     * invitation holds only while managers may invite managers), not expired. Anything else means the event is not what
     * identity-service sent, or no longer holds: it is refused. The claimed reservation is deleted.
     */
    public Mono<SeatReservation> claim(Organization org, InvitationAccepted accepted) {
        return reservations.find(org.id(), accepted.invitationId())
                .switchIfEmpty(Mono.error(() -> new RefusedEvent("no seat reservation for this invitation in this organization")))
                .flatMap(reservation -> reservation.role().equals(accepted.role()) ? Mono.just(reservation)
                        : Mono.error(new RefusedEvent("the accepted role is not the invited one")))
                // an expired reservation no longer counts against the plan, so it no longer holds a seat either
                .flatMap(reservation -> reservation.expiresAt().isAfter(Instant.now(clock)) ? Mono.just(reservation)
                        : Mono.error(new RefusedEvent("the invitation's seat reservation expired")))
                .flatMap(reservation -> inviterMayStillGive(org, reservation).thenReturn(reservation))
                .flatMap(reservation -> reservations.delete(org.id(), reservation.invitationId()).thenReturn(reservation));
    }

    /** A revoked invitation's seat is free again; the revocation is audited (actor "system" when the inviter lost their rights). */
    public Mono<Void> revoked(InvitationRevoked revoked, Actor actor) {
        Actor who = revoked.reason() == InvitationRevoked.Reason.INVITER_LOST_RIGHTS ? Actor.SYSTEM : actor;
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", "PENDING");
        before.put("role", revoked.role());
        before.put("email", revoked.email());
        before.put("invitedBy", revoked.invitedBy() == null ? null : revoked.invitedBy().toString());
        Map<String, Object> after = Map.of("status", "REVOKED", "reason", String.valueOf(revoked.reason()));
        AuditEntry entry = new AuditEntry("invitation.revoked", "invitation:" + revoked.invitationId(), before, after);
        return writes.as(revoked.orgId(), who, org -> reservations.delete(org.id(), revoked.invitationId())
                .thenReturn(new Change<Void>(null, List.of(), List.of(entry))));
    }

    private Mono<Change<Void>> extend(SeatReservation existing, SeatReservation wanted) {
        if (!existing.role().equals(wanted.role())) {
            return Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT,
                    "This invitation's seat is reserved for another role."));
        }
        return reservations.saveExpiry(existing.extendedTo(wanted.expiresAt())).thenReturn(Change.none(null));
    }

    private Mono<Change<Void>> reserveNew(Organization org, SeatReservation wanted) {
        Mono<Void> seat = wanted.takesSeat() ? writes.requireFreeSeat(org) : Mono.empty();
        return seat.then(reservations.insert(wanted)).thenReturn(Change.none(null));
    }

    private Mono<Void> inviterMayStillGive(Organization org, SeatReservation reservation) {
        if (reservation.invitedBy() == null) {
            return Mono.empty();
        }
        return members.find(reservation.orgId(), reservation.invitedBy())
                .filter(Member::isActive)
                .switchIfEmpty(Mono.error(() -> new RefusedEvent("the inviter is no longer an active member")))
                .flatMap(inviter -> roles.permissionsOf(reservation.orgId(), reservation.role())
                        .onErrorMap(ProblemException.class, gone -> new RefusedEvent("the invited role no longer exists"))
                        .flatMap(granted -> GrantRules.refusal(inviter.role(), inviter.permissions(), reservation.role(), granted,
                                        org.managersMayInviteManagers())
                                .<Mono<Void>>map(reason -> Mono.error(new RefusedEvent("the inviter may no longer give this role: " + reason)))
                                .orElse(Mono.empty())));
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
