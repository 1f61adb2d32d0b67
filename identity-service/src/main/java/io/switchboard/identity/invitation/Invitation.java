package io.switchboard.identity.invitation;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventType;
import io.switchboard.events.identity.InvitationAccepted;
import io.switchboard.events.identity.InvitationRevoked;
import io.switchboard.events.routing.RoutingSetup;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An invitation and its transitions. Every transition checks that it is allowed now and answers the new
 * state together with the events to append in the same transaction; nothing here talks to the database,
 * Keycloak or the web. The token is never part of it (only its hash is stored, by {@link Invitations}).
 *
 * <pre>
 *   PENDING --accept--> ACCEPTED
 *   PENDING --revoke--> REVOKED (by a user, or because the inviter lost the right to give the role)
 *   PENDING --resend--> PENDING (new link, new expiry)
 *   PENDING past expiresAt: shown as EXPIRED; it can still be resent or revoked, not accepted
 * </pre>
 */
record Invitation(UUID id, UUID orgId, String email, String role, List<UUID> portalIds, Person person, RoutingSetup routing, Status status,
                  UUID invitedBy, String inviterName, Instant createdAt, Instant expiresAt, Instant lastResentAt, int resendCount) {

    enum Status { PENDING, ACCEPTED, REVOKED, EXPIRED }

    /** The invitee as the inviter described them; every part may be null. */
    record Person(String firstName, String lastName, String phone) {
        static final Person NONE = new Person(null, null, null);
    }

    /** An event to append, typed so that the outbox can serialize it. */
    record Event<T extends Record>(EventType<T> type, T data) {
    }

    /** The state after a transition and the events it raised. */
    record Change(Invitation invitation, List<Event<?>> events) {
    }

    /** Why a transition is not allowed now. */
    static final class Refused extends RuntimeException {
        enum Reason { USED, REVOKED, EXPIRED, NOT_PENDING }

        private final Reason reason;

        Refused(Reason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }

    Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
        portalIds = portalIds == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(portalIds));
        person = person == null ? Person.NONE : person;
        routing = routing == null || routing.setsNothing() ? null : routing;
    }

    /** A pending invitation; {@code routing} (may be null) is the routing setup applied on acceptance. */
    static Invitation create(UUID orgId, String email, String role, List<UUID> portalIds, Person person, RoutingSetup routing,
                             UUID invitedBy, String inviterName, Instant now, Duration validity) {
        Instant created = now.truncatedTo(ChronoUnit.MICROS);
        return new Invitation(UUID.randomUUID(), orgId, email, role, portalIds, person, routing, Status.PENDING, invitedBy, inviterName,
                created, created.plus(validity), null, 0);
    }

    boolean isPending() {
        return status == Status.PENDING;
    }

    /** As people see it: a pending invitation past its expiry is EXPIRED. */
    Status statusAt(Instant now) {
        return status == Status.PENDING && !expiresAt.isAfter(now) ? Status.EXPIRED : status;
    }

    /** Whether its link may be used now: pending and not expired. */
    Invitation requireUsableAt(Instant now) {
        return switch (statusAt(now)) {
            case PENDING -> this;
            case ACCEPTED -> throw new Refused(Refused.Reason.USED, "This invitation was already used.");
            case REVOKED -> throw new Refused(Refused.Reason.REVOKED, "This invitation was revoked.");
            case EXPIRED -> throw new Refused(Refused.Reason.EXPIRED, "This invitation expired on " + expiresAt + ". Ask for a new one.");
        };
    }

    /**
     * Accepted by {@code userId}. The person details the new member gave (or, when they gave none, the
     * inviter's) travel in the event, for member details; so does the routing setup, for routing-service.
     */
    Change accept(UUID userId, String displayName, Person given, Instant now) {
        requireUsableAt(now);
        Person details = given == null ? person : new Person(
                firstNonBlank(given.firstName(), person.firstName()),
                firstNonBlank(given.lastName(), person.lastName()),
                firstNonBlank(given.phone(), person.phone()));
        Invitation accepted = with(Status.ACCEPTED, expiresAt, lastResentAt, resendCount);
        return new Change(accepted, List.of(new Event<>(EventCatalog.INVITATION_ACCEPTED, new InvitationAccepted(orgId, id, userId, email,
                displayName, role, portalIds, details.firstName(), details.lastName(), details.phone(), routing))));
    }

    /** Revoked (a pending invitation only, expired or not): the link dies and org-service releases the seat. */
    Change revoke(InvitationRevoked.Reason reason) {
        requirePending();
        return new Change(with(Status.REVOKED, expiresAt, lastResentAt, resendCount),
                List.of(new Event<>(EventCatalog.INVITATION_REVOKED, new InvitationRevoked(orgId, id, email, role, invitedBy, reason))));
    }

    /** A new link valid for {@code validity} from now; the old link dies (its hash is retired by the repository). */
    Change resend(Instant now, Duration validity) {
        requirePending();
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new Change(with(Status.PENDING, at.plus(validity), at, resendCount + 1), List.of());
    }

    private void requirePending() {
        if (status != Status.PENDING) {
            throw new Refused(Refused.Reason.NOT_PENDING, "The invitation is " + status.name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
    }

    private Invitation with(Status newStatus, Instant newExpiry, Instant newLastResent, int newResendCount) {
        return new Invitation(id, orgId, email, role, portalIds, person, routing, newStatus, invitedBy, inviterName, createdAt, newExpiry,
                newLastResent, newResendCount);
    }

    private static String firstNonBlank(String preferred, String fallback) {
        return preferred != null && !preferred.isBlank() ? preferred.strip() : fallback;
    }
}
