package io.switchboard.identity.avatar;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The {@code avatars} table: each account's stored image (our PNG), its entity tag and when it was set. */
@Repository
class Avatars {

    /** A stored image. */
    record Avatar(UUID userId, byte[] png, String etag, Instant updatedAt) {
    }

    private final DatabaseClient db;

    Avatars(DatabaseClient db) {
        this.db = db;
    }

    Mono<Avatar> find(UUID userId) {
        return db.sql("select user_id, png, etag, updated_at from avatars where user_id = :user").bind("user", userId)
                .map(row -> new Avatar(row.get("user_id", UUID.class), row.get("png", byte[].class), row.get("etag", String.class),
                        row.get("updated_at", Instant.class)))
                .one();
    }

    /** Sets or replaces the image (one statement). */
    Mono<Void> put(UUID userId, byte[] png, String etag, Instant now) {
        return db.sql("insert into avatars (user_id, png, etag, updated_at) values (:user, :png, :etag, :now) "
                        + "on conflict (user_id) do update set png = excluded.png, etag = excluded.etag, updated_at = excluded.updated_at")
                .bind("user", userId).bind("png", png).bind("etag", etag).bind("now", now)
                .fetch().rowsUpdated().then();
    }

    /** Whether there was one to remove. */
    Mono<Boolean> delete(UUID userId) {
        return db.sql("delete from avatars where user_id = :user").bind("user", userId).fetch().rowsUpdated().map(count -> count > 0);
    }
}
