package io.switchboard.org.seat;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The repository of seat reservations; every statement is scoped by organization and invitation. */
@Component
class SeatReservations {

    private final DatabaseClient db;

    SeatReservations(DatabaseClient db) {
        this.db = db;
    }

    Mono<SeatReservation> find(UUID orgId, UUID invitationId) {
        return db.sql("select org_id, invitation_id, role, expires_at, invited_by from seat_reservations where org_id = :org and invitation_id = :id")
                .bind("org", orgId).bind("id", invitationId)
                .map(SeatReservations::read).one();
    }

    Mono<Void> insert(SeatReservation reservation) {
        var insert = db.sql("insert into seat_reservations (org_id, invitation_id, role, expires_at, invited_by) values (:org, :id, :role, :expires, :by)")
                .bind("org", reservation.orgId()).bind("id", reservation.invitationId()).bind("role", reservation.role())
                .bind("expires", reservation.expiresAt());
        insert = reservation.invitedBy() == null ? insert.bindNull("by", UUID.class) : insert.bind("by", reservation.invitedBy());
        return insert.fetch().rowsUpdated().then();
    }

    Mono<Void> saveExpiry(SeatReservation reservation) {
        return db.sql("update seat_reservations set expires_at = :expires where org_id = :org and invitation_id = :id")
                .bind("expires", reservation.expiresAt()).bind("org", reservation.orgId()).bind("id", reservation.invitationId())
                .fetch().rowsUpdated().then();
    }

    /** @return whether a reservation of this organization was deleted */
    Mono<Boolean> delete(UUID orgId, UUID invitationId) {
        return db.sql("delete from seat_reservations where org_id = :org and invitation_id = :id")
                .bind("org", orgId).bind("id", invitationId)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    private static SeatReservation read(Readable row) {
        return new SeatReservation(row.get("org_id", UUID.class), row.get("invitation_id", UUID.class), row.get("role", String.class),
                row.get("expires_at", Instant.class), row.get("invited_by", UUID.class));
    }
}
