package io.switchboard.identity.account;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The {@code email_confirmations} table: all of its SQL. Only tokens' hashes are stored. */
@Repository
class EmailConfirmations {

    enum Purpose { SIGNUP, WELCOME }

    record Confirmation(UUID id, UUID userId, String email, Purpose purpose, byte[] tokenHash, Instant expiresAt, Instant usedAt) {
    }

    private final DatabaseClient db;

    EmailConfirmations(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(UUID userId, String email, Purpose purpose, byte[] tokenHash, Instant createdAt, Instant expiresAt) {
        return db.sql("insert into email_confirmations (id, user_id, email, purpose, token_hash, created_at, expires_at) "
                        + "values (:id, :user, :email, :purpose, :hash, :created, :expires)")
                .bind("id", UUID.randomUUID()).bind("user", userId).bind("email", email).bind("purpose", purpose.name())
                .bind("hash", tokenHash).bind("created", createdAt).bind("expires", expiresAt)
                .fetch().rowsUpdated().then();
    }

    /** The confirmation with this token hash, locked until the transaction ends. */
    Mono<Confirmation> lockByHash(byte[] tokenHash) {
        return db.sql("select id, user_id, email, purpose, token_hash, expires_at, used_at from email_confirmations where token_hash = :hash for update")
                .bind("hash", tokenHash)
                .map(row -> new Confirmation(row.get("id", UUID.class), row.get("user_id", UUID.class), row.get("email", String.class),
                        Purpose.valueOf(row.get("purpose", String.class)), row.get("token_hash", byte[].class),
                        row.get("expires_at", Instant.class), row.get("used_at", Instant.class)))
                .one();
    }

    Mono<Void> markUsed(UUID id, Instant at) {
        return db.sql("update email_confirmations set used_at = :at where id = :id").bind("at", at).bind("id", id).fetch().rowsUpdated().then();
    }
}
