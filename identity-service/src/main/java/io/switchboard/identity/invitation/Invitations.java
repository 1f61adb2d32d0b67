package io.switchboard.identity.invitation;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import io.switchboard.events.routing.RoutingSetup;
import io.switchboard.events.identity.InvitationRevoked;
import io.switchboard.identity.db.ConstraintViolations;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The {@code invitations} table: all of its SQL. Every read by id is scoped by the org from the path. */
@Repository
class Invitations {

    /** The partial unique index: one pending invitation per org and (case-insensitive) email. */
    static final String ONE_PENDING = "one_pending_invitation";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String COLUMNS = "id, org_id, email, role, portal_ids, first_name, last_name, phone, routing, status, invited_by, "
            + "inviter_name, created_at, expires_at, last_resent_at, resend_count";

    /** Another pending invitation for the same person and org exists. */
    static final class PendingExists extends RuntimeException {
        PendingExists(Throwable cause) {
            super("a pending invitation exists", cause, false, false);
        }
    }

    private final DatabaseClient db;

    Invitations(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(Invitation invitation, byte[] tokenHash) {
        GenericExecuteSpec insert = db.sql("insert into invitations (id, org_id, email, role, portal_ids, first_name, last_name, phone, routing, token_hash, "
                        + "status, invited_by, inviter_name, created_at, expires_at) values (:id, :org, :email, :role, :portals, :first, :last, "
                        + ":phone, :routing, :hash, :status, :by, :byName, :created, :expires)")
                .bind("id", invitation.id()).bind("org", invitation.orgId()).bind("email", invitation.email()).bind("role", invitation.role())
                .bind("portals", invitation.portalIds().toArray(UUID[]::new)).bind("hash", tokenHash)
                .bind("status", invitation.status().name()).bind("by", invitation.invitedBy())
                .bind("created", invitation.createdAt()).bind("expires", invitation.expiresAt());
        insert = nullable(insert, "first", invitation.person().firstName());
        insert = nullable(insert, "last", invitation.person().lastName());
        insert = nullable(insert, "phone", invitation.person().phone());
        insert = nullable(insert, "byName", invitation.inviterName());
        insert = invitation.routing() == null ? insert.bindNull("routing", Json.class)
                : insert.bind("routing", Json.of(JSON.writeValueAsString(invitation.routing())));
        return insert.fetch().rowsUpdated()
                .onErrorMap(e -> ConstraintViolations.violates(e, ONE_PENDING), PendingExists::new)
                .then();
    }

    /** The invitation {@code id} of {@code orgId}, locked until the transaction ends; another org's id is not found. */
    Mono<Invitation> lockInOrg(UUID orgId, UUID id) {
        return db.sql("select " + COLUMNS + " from invitations where org_id = :org and id = :id for update")
                .bind("org", orgId).bind("id", id).map(Invitations::read).one();
    }

    /** The invitation whose current link has this hash, with the stored hash for a constant-time comparison. */
    Mono<WithHash> findByTokenHash(byte[] hash, boolean lock) {
        return db.sql("select " + COLUMNS + ", token_hash from invitations where token_hash = :hash" + (lock ? " for update" : ""))
                .bind("hash", hash)
                .map(row -> new WithHash(read(row), row.get("token_hash", byte[].class)))
                .one();
    }

    record WithHash(Invitation invitation, byte[] tokenHash) {
    }

    /** Whether the hash belongs to a link that a resend replaced. */
    Mono<Boolean> isRetired(byte[] hash) {
        return db.sql("select 1 from invitations where :hash = any(retired_hashes) limit 1").bind("hash", hash)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    Flux<Invitation> list(UUID orgId, Invitation.Status status) {
        boolean filtered = status != null && status != Invitation.Status.EXPIRED;
        GenericExecuteSpec select = db.sql("select " + COLUMNS + " from invitations where org_id = :org" + (filtered ? " and status = :status" : "")
                        + " order by created_at desc")
                .bind("org", orgId);
        return (filtered ? select.bind("status", status.name()) : select).map(Invitations::read).all();
    }

    /** Pending invitations of {@code orgId} sent by {@code inviter}, locked. */
    Flux<Invitation> lockPendingBy(UUID orgId, UUID inviter) {
        return db.sql("select " + COLUMNS + " from invitations where org_id = :org and invited_by = :by and status = 'PENDING' "
                        + "order by created_at for update")
                .bind("org", orgId).bind("by", inviter).map(Invitations::read).all();
    }

    /** Pending invitations of {@code orgId}, locked. */
    Flux<Invitation> lockPending(UUID orgId) {
        return db.sql("select " + COLUMNS + " from invitations where org_id = :org and status = 'PENDING' order by created_at for update")
                .bind("org", orgId).map(Invitations::read).all();
    }

    /** Pending invitations of {@code orgId} that give {@code role}, locked. */
    Flux<Invitation> lockPendingWithRole(UUID orgId, String role) {
        return db.sql("select " + COLUMNS + " from invitations where org_id = :org and role = :role and status = 'PENDING' "
                        + "order by created_at for update")
                .bind("org", orgId).bind("role", role).map(Invitations::read).all();
    }

    /** Stores a resend: the new link's hash, the old one retired (it answers 410), the new expiry. */
    Mono<Void> saveResent(Invitation invitation, byte[] newTokenHash) {
        return db.sql("update invitations set retired_hashes = array_append(retired_hashes, token_hash), token_hash = :hash, "
                        + "expires_at = :expires, last_resent_at = :resent, resend_count = :count where id = :id and org_id = :org")
                .bind("hash", newTokenHash).bind("expires", invitation.expiresAt()).bind("resent", invitation.lastResentAt())
                .bind("count", invitation.resendCount()).bind("id", invitation.id()).bind("org", invitation.orgId())
                .fetch().rowsUpdated().then();
    }

    Mono<Void> saveAccepted(Invitation invitation, UUID userId, Instant at) {
        return db.sql("update invitations set status = :status, accepted_at = :at, accepted_user_id = :user where id = :id and org_id = :org")
                .bind("status", invitation.status().name()).bind("at", at).bind("user", userId)
                .bind("id", invitation.id()).bind("org", invitation.orgId())
                .fetch().rowsUpdated().then();
    }

    Mono<Void> saveRevoked(Invitation invitation, InvitationRevoked.Reason reason, Instant at) {
        return db.sql("update invitations set status = :status, revoked_at = :at, revoke_reason = :reason where id = :id and org_id = :org")
                .bind("status", invitation.status().name()).bind("at", at).bind("reason", reason.name())
                .bind("id", invitation.id()).bind("org", invitation.orgId())
                .fetch().rowsUpdated().then();
    }

    private static Invitation read(Readable row) {
        UUID[] portals = row.get("portal_ids", UUID[].class);
        Integer resends = row.get("resend_count", Integer.class);
        return new Invitation(row.get("id", UUID.class), row.get("org_id", UUID.class), row.get("email", String.class), row.get("role", String.class),
                portals == null ? List.of() : Arrays.asList(portals),
                new Invitation.Person(row.get("first_name", String.class), row.get("last_name", String.class), row.get("phone", String.class)),
                routing(row.get("routing", Json.class)),
                Invitation.Status.valueOf(row.get("status", String.class)), row.get("invited_by", UUID.class), row.get("inviter_name", String.class),
                row.get("created_at", Instant.class), row.get("expires_at", Instant.class), row.get("last_resent_at", Instant.class),
                resends == null ? 0 : resends);
    }

    private static RoutingSetup routing(Json stored) {
        return stored == null ? null : JSON.readValue(stored.asString(), RoutingSetup.class);
    }

    private static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }
}
