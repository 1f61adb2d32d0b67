package io.switchboard.org.ownership;

import io.r2dbc.spi.Readable;
import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.events.org.OwnershipTransferRequested;
import io.switchboard.events.org.OwnershipTransferred;
import io.switchboard.messaging.Outbox;
import io.switchboard.org.access.Member;
import io.switchboard.org.access.Members;
import io.switchboard.org.audit.AuditLog;
import io.switchboard.org.organization.Organizations;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Primary ownership moves in two steps: the primary owner asks (with a fresh sign-in), the target accepts
 * within 7 days. The previous owner stays OWNER (co-owner) or steps down to ADMIN, as they chose.
 */
@Service
class OwnershipService {

    static final Duration VALIDITY = Duration.ofDays(7);
    private static final String COLUMNS = "id, org_id, from_user_id, to_user_id, step_down, status, created_at, expires_at";

    private final DatabaseClient db;
    private final Organizations organizations;
    private final Members members;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionalOperator tx;
    private final String publicUrl;

    OwnershipService(DatabaseClient db, Organizations organizations, Members members, Outbox outbox, AuditLog audit, Clock clock,
                     ReactiveTransactionManager transactionManager,
                     @org.springframework.beans.factory.annotation.Value("${switchboard.public-url:http://localhost:8080}") String publicUrl) {
        this.publicUrl = publicUrl;
        this.db = db;
        this.organizations = organizations;
        this.members = members;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    Mono<Transfer> request(UUID orgId, Caller caller, TransferRequest request) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        Transfer transfer = new Transfer(UUID.randomUUID(), orgId, caller.userId(), request.toUserId(), request.stepDown(), "PENDING",
                now, now.plus(VALIDITY));
        Mono<Transfer> requested = organizations.lock(orgId).flatMap(org -> members.require(orgId, caller, Permission.OWNERSHIP_MANAGE)
                .flatMap(owner -> {
                    if (!org.primaryOwnerId().equals(caller.userId())) {
                        return Mono.error(ProblemException.forbidden("Only the primary owner can transfer primary ownership."));
                    }
                    if (request.toUserId().equals(caller.userId())) {
                        return Mono.error(invalid("toUserId", "is you"));
                    }
                    return members.find(orgId, request.toUserId()).filter(Member::isActive)
                            .switchIfEmpty(Mono.error(() -> invalid("toUserId", "is not an active member of this organization")))
                            .flatMap(target -> expireOld(orgId).thenReturn(target))
                            .flatMap(target -> outbox.append(EventCatalog.EMAIL_REQUESTED, orgId, caller.userId().toString(),
                                    transferMail(org.name(), owner, target, transfer)).thenReturn(target))
                            .then(db.sql("insert into ownership_transfers (" + COLUMNS + ") values (:id, :org, :from, :to, :stepDown, 'PENDING', :created, :expires)")
                                    .bind("id", transfer.id()).bind("org", orgId).bind("from", caller.userId()).bind("to", request.toUserId())
                                    .bind("stepDown", request.stepDown()).bind("created", now).bind("expires", transfer.expiresAt())
                                    .fetch().rowsUpdated()
                                    .onErrorMap(e -> String.valueOf(e.getMessage()).contains("one_pending_transfer_per_org"),
                                            e -> new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("transfer-pending"),
                                                    "A transfer is already pending; cancel it first.")))
                            .then(outbox.append(EventCatalog.OWNERSHIP_TRANSFER_REQUESTED, orgId, caller.userId().toString(),
                                    new OwnershipTransferRequested(orgId, transfer.id(), caller.userId(), request.toUserId(), transfer.expiresAt())))
                            .then(audit.record(orgId, caller.userId(), "ownership.transfer-requested", "user:" + request.toUserId(),
                                    Map.of(), Map.of("transferId", transfer.id().toString(), "stepDown", request.stepDown())))
                            .thenReturn(transfer);
                }));
        return tx.transactional(requested);
    }

    /** The pending transfer, for the owners and for its target. */
    Mono<Transfer> pending(UUID orgId, Caller caller) {
        return members.find(orgId, caller.userId()).filter(Member::isActive)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)))
                .flatMap(me -> findPending(orgId)
                        .filter(t -> me.can(Permission.OWNERSHIP_MANAGE) || t.toUserId().equals(caller.userId())))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("pending ownership transfer")));
    }

    Mono<Void> cancel(UUID orgId, Caller caller) {
        Mono<Void> cancelled = organizations.lock(orgId).flatMap(org -> members.require(orgId, caller, Permission.OWNERSHIP_MANAGE)
                .then(findPending(orgId))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("pending ownership transfer")))
                .flatMap(transfer -> db.sql("update ownership_transfers set status = 'CANCELLED' where id = :id").bind("id", transfer.id())
                        .fetch().rowsUpdated()
                        .then(audit.record(orgId, caller.userId(), "ownership.transfer-cancelled", "user:" + transfer.toUserId(),
                                Map.of("status", "PENDING"), Map.of("status", "CANCELLED")))));
        return tx.transactional(cancelled);
    }

    Mono<Transfer> accept(UUID orgId, Caller caller) {
        Mono<Transfer> accepted = organizations.lock(orgId).flatMap(org -> findPending(orgId)
                .filter(t -> t.toUserId().equals(caller.userId()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("pending ownership transfer")))
                .flatMap(transfer -> {
                    if (!transfer.expiresAt().isAfter(Instant.now(clock))) {
                        return Mono.error(new ProblemException(HttpStatus.GONE, ProblemTypes.of("transfer-expired"),
                                "This ownership transfer expired on " + transfer.expiresAt() + "."));
                    }
                    return members.find(orgId, caller.userId()).filter(Member::isActive)
                            .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)))
                            .flatMap(target -> members.find(orgId, transfer.fromUserId()).flatMap(previous -> {
                                String owner = BuiltInRole.OWNER.name();
                                String previousRole = transfer.stepDown() ? BuiltInRole.ADMIN.name() : owner;
                                Mono<Void> targetRole = target.role().equals(owner) ? Mono.empty()
                                        : setRole(orgId, target.userId(), owner)
                                        .then(outbox.append(EventCatalog.MEMBER_ROLE_CHANGED, orgId, caller.userId().toString(),
                                                new MemberRoleChanged(orgId, target.userId(), target.role(), owner))).then();
                                Mono<Void> previousOwnerRole = !previous.isActive() || previous.role().equals(previousRole) ? Mono.empty()
                                        : setRole(orgId, previous.userId(), previousRole)
                                        .then(outbox.append(EventCatalog.MEMBER_ROLE_CHANGED, orgId, caller.userId().toString(),
                                                new MemberRoleChanged(orgId, previous.userId(), previous.role(), previousRole))).then();
                                Transfer done = new Transfer(transfer.id(), orgId, transfer.fromUserId(), transfer.toUserId(), transfer.stepDown(),
                                        "ACCEPTED", transfer.createdAt(), transfer.expiresAt());
                                return targetRole.then(previousOwnerRole)
                                        .then(db.sql("update organizations set primary_owner_id = :to where id = :org").bind("to", target.userId())
                                                .bind("org", orgId).fetch().rowsUpdated())
                                        .then(db.sql("update ownership_transfers set status = 'ACCEPTED' where id = :id").bind("id", transfer.id())
                                                .fetch().rowsUpdated())
                                        .then(outbox.append(EventCatalog.OWNERSHIP_TRANSFERRED, orgId, caller.userId().toString(),
                                                new OwnershipTransferred(orgId, transfer.id(), transfer.fromUserId(), target.userId(), previousRole)))
                                        .then(audit.record(orgId, caller.userId(), "ownership.transferred", "org:" + orgId,
                                                Map.of("primaryOwnerId", transfer.fromUserId().toString(), "previousOwnerRole", previous.role(),
                                                        "targetRole", target.role()),
                                                Map.of("primaryOwnerId", target.userId().toString(), "previousOwnerRole", previousRole,
                                                        "targetRole", owner)))
                                        .thenReturn(done);
                            }));
                }));
        return tx.transactional(accepted);
    }

    /** Tells the target, who must accept in the app; the mail itself changes nothing. */
    private io.switchboard.events.notification.EmailRequested transferMail(String orgName, Member from, Member to, Transfer transfer) {
        String fromName = from.displayName() == null || from.displayName().isBlank() ? "The primary owner" : from.displayName();
        String link = publicUrl + "/orgs/" + transfer.orgId() + "/ownership-transfer";
        String subject = fromName + " wants to make you the primary owner of " + orgName;
        String text = fromName + " asked to transfer the primary ownership of " + orgName + " on Switchboard to you.\n"
                + "Review and accept it here: " + link + "\nThe request expires on " + transfer.expiresAt() + ".\n";
        String html = "<p>" + escape(fromName) + " asked to transfer the primary ownership of <b>" + escape(orgName)
                + "</b> on Switchboard to you.</p><p><a href=\"" + escape(link) + "\">Review and accept</a></p><p>The request expires on "
                + transfer.expiresAt() + ".</p>";
        return new io.switchboard.events.notification.EmailRequested(transfer.orgId(), UUID.randomUUID(), "ownership-transfer",
                to.email(), subject, text, html);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private Mono<Long> setRole(UUID orgId, UUID userId, String role) {
        return db.sql("update memberships set role = :role, updated_at = now() where org_id = :org and user_id = :user")
                .bind("role", role).bind("org", orgId).bind("user", userId).fetch().rowsUpdated();
    }

    /** Expired transfers leave the way, so a new one can be asked for. */
    private Mono<Long> expireOld(UUID orgId) {
        return db.sql("update ownership_transfers set status = 'CANCELLED' where org_id = :org and status = 'PENDING' and expires_at <= :now")
                .bind("org", orgId).bind("now", Instant.now(clock)).fetch().rowsUpdated();
    }

    private Mono<Transfer> findPending(UUID orgId) {
        return db.sql("select " + COLUMNS + " from ownership_transfers where org_id = :org and status = 'PENDING'")
                .bind("org", orgId).map(OwnershipService::read).one();
    }

    private static Transfer read(Readable row) {
        return new Transfer(row.get("id", UUID.class), row.get("org_id", UUID.class), row.get("from_user_id", UUID.class),
                row.get("to_user_id", UUID.class), Boolean.TRUE.equals(row.get("step_down", Boolean.class)), row.get("status", String.class),
                row.get("created_at", Instant.class), row.get("expires_at", Instant.class));
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
    }
}
