package io.switchboard.identity.invitation;

import io.r2dbc.spi.Readable;
import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.GrantRules;
import io.switchboard.events.access.Permission;
import io.switchboard.events.identity.InvitationAccepted;
import io.switchboard.identity.keycloak.KeycloakAccounts;
import io.switchboard.identity.seat.SeatReservations;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.messaging.Outbox;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Invitations: a real object with a 7-day, single-use link. The caller's right to invite, and to give the
 * role, comes from the membership projection (org-service's events); the account lives in Keycloak; the
 * membership itself is made by org-service when it reads {@code identity.invitation.accepted}.
 */
@Service
class InvitationService {

    private static final Duration MEMBERSHIP_GRACE = Duration.ofMillis(1500);
    private static final String COLUMNS = "id, org_id, email, role, portal_ids, first_name, last_name, phone, status, invited_by, "
            + "inviter_name, created_at, expires_at, token_hash";

    private final DatabaseClient db;
    private final MembershipProjection memberships;
    private final KeycloakAccounts accounts;
    private final SeatReservations seats;
    private final Outbox outbox;
    private final InvitationProperties properties;
    private final Clock clock;
    private final TransactionalOperator tx;

    InvitationService(DatabaseClient db, MembershipProjection memberships, KeycloakAccounts accounts, SeatReservations seats, Outbox outbox,
                      InvitationProperties properties, Clock clock, ReactiveTransactionManager transactionManager) {
        this.db = db;
        this.memberships = memberships;
        this.accounts = accounts;
        this.seats = seats;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    record Inviter(Caller caller, String role, Set<Permission> permissions) {
    }

    Mono<Invitation> invite(UUID orgId, Caller caller, String bearer, InviteRequest request) {
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        return inviter(orgId, caller).flatMap(inviter -> {
            requireCanGive(orgId, inviter, request.role());
            return accounts.findByEmail(email).flatMap(account -> {
                if (account.isPresent() && memberships.find(orgId, account.get().id()).filter(MembershipProjection.Membership::isActive).isPresent()) {
                    return Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("already-member"),
                            email + " is already a member of this organization."));
                }
                String token = InvitationTokens.newToken();
                Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
                Invitation invitation = new Invitation(UUID.randomUUID(), orgId, email, request.role(),
                        request.portalIds() == null ? List.of() : List.copyOf(request.portalIds()), request.firstName(), request.lastName(),
                        request.phone(), "PENDING", caller.userId(), now, now.plus(properties.validity()));
                Mono<Invitation> created = insert(invitation, InvitationTokens.hash(token), caller.name())
                        .onErrorMap(e -> String.valueOf(e.getMessage()).contains("one_pending_invitation"), e -> pendingConflict(orgId, email))
                        .then(sendMail(invitation, token, caller.name()))
                        .thenReturn(invitation);
                // the seat first (org-service refuses when the plan is full), released again if the invitation is not stored
                return seats.reserve(orgId, invitation.id(), invitation.role(), invitation.expiresAt(), bearer)
                        .then(tx.transactional(created))
                        .onErrorResume(failure -> failure instanceof ProblemException problem && problem.type().toString().endsWith("seat-limit-reached")
                                ? Mono.error(failure)
                                : seats.release(orgId, invitation.id(), bearer).onErrorResume(e -> Mono.empty()).then(Mono.error(failure)));
            });
        });
    }

    record CreatedUser(UUID userId, String email, String role) {
    }

    /**
     * Direct creation: an account with an initial password the person must change at first sign-in, the
     * membership (through the same event an accepted invitation sends), and a welcome mail without the password.
     */
    Mono<CreatedUser> createUser(UUID orgId, Caller caller, String bearer, io.switchboard.identity.account.CreateUserRequest request) {
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        UUID seat = UUID.randomUUID();
        String[] names = request.fullName().trim().split("\\s+", 2);
        return inviter(orgId, caller).flatMap(inviter -> {
            requireCanGive(orgId, inviter, request.role());
            return accounts.findByEmail(email).flatMap(existing -> existing.isPresent()
                    ? Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("account-exists"),
                            email + " already has an account; invite it instead."))
                    : seats.reserve(orgId, seat, request.role(), Instant.now(clock).plus(properties.validity()), bearer)
                            .then(accounts.create(email, request.password(), names[0], names.length > 1 ? names[1] : "", true)
                                    .onErrorResume(failure -> seats.release(orgId, seat, bearer).onErrorResume(e -> Mono.empty()).then(Mono.error(failure))))
                            .flatMap(account -> tx.transactional(outbox.append(EventCatalog.INVITATION_ACCEPTED, orgId, caller.userId().toString(),
                                            new InvitationAccepted(orgId, seat, account.id(), email, request.fullName().trim(), request.role(),
                                                    request.portalIds() == null ? List.of() : List.copyOf(request.portalIds())))
                                    .then(orgName(orgId))
                                    .flatMap(orgName -> outbox.append(EventCatalog.EMAIL_REQUESTED, orgId, caller.userId().toString(),
                                            WelcomeMail.render(orgId, email, request.fullName().trim(), orgName, caller.name(), request.role(), properties.publicUrl())))
                                    .thenReturn(new CreatedUser(account.id(), email, request.role())))));
        });
    }

    Flux<Invitation> list(UUID orgId, Caller caller, String status) {
        return inviter(orgId, caller).thenMany(db.sql("select " + COLUMNS + " from invitations where org_id = :org"
                        + (status == null ? "" : " and status = :status") + " order by created_at desc")
                .bind("org", orgId)
                .bind("status", status == null ? "" : status)
                .map(this::read).all())
                .map(this::expiredAsSuch);
    }

    /** A new link (the old one dies) and 7 more days. */
    Mono<Invitation> resend(UUID orgId, UUID invitationId, Caller caller, String bearer) {
        return inviter(orgId, caller).flatMap(inviter -> tx.transactional(pendingForUpdate(orgId, invitationId).flatMap(current -> {
            requireCanGive(orgId, inviter, current.role());
            String token = InvitationTokens.newToken();
            Instant expiresAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS).plus(properties.validity());
            Invitation renewed = new Invitation(current.id(), orgId, current.email(), current.role(), current.portalIds(), current.firstName(),
                    current.lastName(), current.phone(), "PENDING", current.invitedBy(), current.createdAt(), expiresAt);
            return seats.reserve(orgId, invitationId, current.role(), expiresAt, bearer)
                    .then(db.sql("update invitations set retired_hashes = array_append(retired_hashes, token_hash), token_hash = :hash, expires_at = :expires where id = :id")
                    .bind("hash", InvitationTokens.hash(token)).bind("expires", expiresAt).bind("id", invitationId)
                    .fetch().rowsUpdated())
                    .then(sendMail(renewed, token, caller.name()))
                    .thenReturn(renewed);
        })));
    }

    Mono<Void> revoke(UUID orgId, UUID invitationId, Caller caller, String bearer) {
        return inviter(orgId, caller).flatMap(inviter -> tx.transactional(pendingForUpdate(orgId, invitationId).flatMap(current -> {
            requireCanGive(orgId, inviter, current.role());
            return db.sql("update invitations set status = 'REVOKED' where id = :id").bind("id", invitationId).fetch().rowsUpdated().then();
        }))).then(seats.release(orgId, invitationId, bearer));
    }

    record PublicView(String orgName, String email, String role, Instant expiresAt, boolean accountExists) {
    }

    Mono<PublicView> lookup(String token) {
        return usable(findByToken(token, false)).flatMap(invitation -> accounts.findByEmail(invitation.email())
                .flatMap(account -> orgName(invitation.orgId())
                        .map(name -> new PublicView(name, invitation.email(), invitation.role(), invitation.expiresAt(), account.isPresent()))));
    }

    record Accepted(UUID orgId, UUID userId) {
    }

    /**
     * Accepts once: the invitation's row is locked for the whole acceptance, so of many concurrent accepts
     * of one link exactly one succeeds and the others find it used (410).
     */
    Mono<Accepted> accept(String token, Optional<Caller> signedIn, AcceptRequest request) {
        Mono<Accepted> accepted = usable(findByToken(token, true)).flatMap(invitation -> {
            Mono<Account> person = signedIn.map(caller -> existingAccount(invitation, caller))
                    .orElseGet(() -> newAccount(invitation, request));
            return person.flatMap(account -> db.sql("update invitations set status = 'ACCEPTED', accepted_at = now(), accepted_user_id = :user where id = :id")
                    .bind("user", account.userId()).bind("id", invitation.id()).fetch().rowsUpdated()
                    .then(outbox.append(EventCatalog.INVITATION_ACCEPTED, invitation.orgId(), account.userId().toString(),
                            new InvitationAccepted(invitation.orgId(), invitation.id(), account.userId(), invitation.email(), account.displayName(),
                                    invitation.role(), invitation.portalIds())))
                    .thenReturn(new Accepted(invitation.orgId(), account.userId())));
        });
        return tx.transactional(accepted);
    }

    private record Account(UUID userId, String displayName) {
    }

    private Mono<Account> existingAccount(Invitation invitation, Caller caller) {
        if (caller.email() == null || !caller.email().equalsIgnoreCase(invitation.email())) {
            return Mono.error(ProblemException.forbidden("This invitation is for another email address; sign in as " + invitation.email() + "."));
        }
        return Mono.just(new Account(caller.userId(), caller.name()));
    }

    private Mono<Account> newAccount(Invitation invitation, AcceptRequest request) {
        if (request == null || request.fullName() == null || request.password() == null) {
            return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                    Map.of("errors", List.of(Map.of("field", request == null || request.fullName() == null ? "fullName" : "password",
                            "message", "is required to create your account (or sign in to accept with an existing one)")))));
        }
        String[] names = request.fullName().trim().split("\\s+", 2);
        return accounts.findByEmail(invitation.email()).flatMap(existing -> existing.isPresent()
                ? Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("account-exists"),
                        "An account with this email exists: sign in with it, then accept."))
                : accounts.create(invitation.email(), request.password(), names[0], names.length > 1 ? names[1] : "", false)
                        .map(account -> new Account(account.id(), request.fullName().trim())));
    }

    private Mono<Invitation> findByToken(String token, boolean forUpdate) {
        if (!InvitationTokens.wellFormed(token)) {
            return Mono.error(ProblemException.notFound("invitation"));
        }
        byte[] hash = InvitationTokens.hash(token);
        return db.sql("select " + COLUMNS + " from invitations where token_hash = :hash" + (forUpdate ? " for update" : ""))
                .bind("hash", hash)
                .map(row -> Map.entry(read(row), row.get("token_hash", byte[].class)))
                .one()
                .filter(found -> InvitationTokens.matches(found.getValue(), token))
                .map(Map.Entry::getKey)
                .switchIfEmpty(db.sql("select 1 from invitations where :hash = any(retired_hashes)").bind("hash", hash)
                        .map(row -> 1).first()
                        .flatMap(replaced -> Mono.<Invitation>error(gone("This link was replaced by a newer one; use the latest invitation mail."))))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("invitation")));
    }

    /** Used, revoked or expired links answer 410 Gone. */
    private Mono<Invitation> usable(Mono<Invitation> invitation) {
        return invitation.flatMap(found -> {
            if (!"PENDING".equals(found.status())) {
                return Mono.error(gone("This invitation was " + ("ACCEPTED".equals(found.status()) ? "already used." : "revoked.")));
            }
            if (!found.expiresAt().isAfter(Instant.now(clock))) {
                return Mono.error(gone("This invitation expired on " + found.expiresAt() + ". Ask for a new one."));
            }
            return Mono.just(found);
        });
    }

    private Mono<Invitation> pendingForUpdate(UUID orgId, UUID invitationId) {
        return db.sql("select " + COLUMNS + " from invitations where org_id = :org and id = :id for update")
                .bind("org", orgId).bind("id", invitationId).map(this::read).one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("invitation " + invitationId)))
                .flatMap(found -> "PENDING".equals(found.status()) ? Mono.just(found)
                        : Mono.error(new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "The invitation is " + found.status().toLowerCase(Locale.ROOT) + ".")));
    }

    private Mono<Inviter> inviter(UUID orgId, Caller caller) {
        return memberships.awaitMembership(orgId, caller.userId(), MEMBERSHIP_GRACE)
                .filter(MembershipProjection.Membership::isActive)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)))
                .flatMap(membership -> {
                    Set<Permission> permissions = memberships.permissions(orgId, caller.userId());
                    return permissions.contains(Permission.MEMBERS_INVITE)
                            ? Mono.just(new Inviter(caller, membership.role(), permissions))
                            : Mono.error(ProblemException.forbidden("Your role does not allow inviting people."));
                });
    }

    /** No escalation: the inviter must be allowed to give the role (built-in or custom:&lt;id&gt; of this org). */
    private void requireCanGive(UUID orgId, Inviter inviter, String role) {
        boolean builtIn = BuiltInRole.byName(role).isPresent();
        Set<Permission> granted = memberships.permissionsOf(orgId, role);
        if (!builtIn && (!role.startsWith("custom:") || granted.isEmpty())) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                    Map.of("errors", List.of(Map.of("field", "role", "message", "must be OWNER, ADMIN, MANAGER, AGENT, VIEWER or custom:<roleId> of this organization"))));
        }
        GrantRules.refusal(inviter.role(), inviter.permissions(), role, granted).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
    }

    private Mono<Void> insert(Invitation invitation, byte[] tokenHash, String inviterName) {
        var insert = db.sql("insert into invitations (id, org_id, email, role, portal_ids, first_name, last_name, phone, token_hash, status, invited_by, inviter_name, created_at, expires_at) "
                        + "values (:id, :org, :email, :role, :portals, :first, :last, :phone, :hash, 'PENDING', :by, :byName, :created, :expires)")
                .bind("id", invitation.id()).bind("org", invitation.orgId()).bind("email", invitation.email()).bind("role", invitation.role())
                .bind("portals", invitation.portalIds().toArray(UUID[]::new)).bind("hash", tokenHash).bind("by", invitation.invitedBy())
                .bind("created", invitation.createdAt()).bind("expires", invitation.expiresAt());
        insert = bindNullable(insert, "first", invitation.firstName());
        insert = bindNullable(insert, "last", invitation.lastName());
        insert = bindNullable(insert, "phone", invitation.phone());
        insert = bindNullable(insert, "byName", inviterName);
        return insert.fetch().rowsUpdated().then();
    }

    private Mono<Void> sendMail(Invitation invitation, String token, String inviterName) {
        String link = properties.publicUrl() + "/invite/" + token;
        return orgName(invitation.orgId()).flatMap(orgName -> outbox.append(EventCatalog.EMAIL_REQUESTED, invitation.orgId(),
                invitation.invitedBy().toString(),
                InvitationMail.render(invitation.orgId(), invitation.email(), orgName, inviterName, invitation.role(), link, invitation.expiresAt())))
                .then();
    }

    private Mono<String> orgName(UUID orgId) {
        return db.sql("select name from organizations where id = :id").bind("id", orgId)
                .map(row -> row.get("name", String.class)).one().defaultIfEmpty("your team");
    }

    private ProblemException pendingConflict(UUID orgId, String email) {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("invitation-pending"),
                email + " already has a pending invitation; resend it instead (POST /api/orgs/" + orgId + "/invitations/{id}/resend).");
    }

    private static ProblemException gone(String detail) {
        return new ProblemException(HttpStatus.GONE, ProblemTypes.of("invitation-gone"), detail);
    }

    private Invitation expiredAsSuch(Invitation invitation) {
        return "PENDING".equals(invitation.status()) && !invitation.expiresAt().isAfter(Instant.now(clock))
                ? new Invitation(invitation.id(), invitation.orgId(), invitation.email(), invitation.role(), invitation.portalIds(),
                        invitation.firstName(), invitation.lastName(), invitation.phone(), "EXPIRED", invitation.invitedBy(), invitation.createdAt(),
                        invitation.expiresAt())
                : invitation;
    }

    private Invitation read(Readable row) {
        UUID[] portals = row.get("portal_ids", UUID[].class);
        return new Invitation(row.get("id", UUID.class), row.get("org_id", UUID.class), row.get("email", String.class), row.get("role", String.class),
                portals == null ? List.of() : Arrays.asList(portals), row.get("first_name", String.class), row.get("last_name", String.class),
                row.get("phone", String.class), row.get("status", String.class), row.get("invited_by", UUID.class),
                row.get("created_at", Instant.class), row.get("expires_at", Instant.class));
    }

    private static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }
}
