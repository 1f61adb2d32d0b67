package io.switchboard.org.organization;

import io.r2dbc.spi.Readable;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads organizations; {@link #lock} serializes every change to one organization's memberships. */
@Component
public class Organizations {

    private static final String COLUMNS = "id, name, plan, seat_limit, timezone, phone, billing_email, primary_owner_id, created_at";

    private final DatabaseClient db;

    Organizations(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Organization> find(UUID orgId) {
        return db.sql("select " + COLUMNS + " from organizations where id = :id and deleted_at is null")
                .bind("id", orgId).map(Organizations::read).one();
    }

    /**
     * Locks the organization's row until the transaction ends. Role changes, removals, joins and transfers
     * of one organization take this lock first, so the owner and seat guards see every concurrent change.
     */
    public Mono<Organization> lock(UUID orgId) {
        return db.sql("select " + COLUMNS + " from organizations where id = :id and deleted_at is null for update")
                .bind("id", orgId).map(Organizations::read).one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)));
    }

    /** Seats taken: active non-VIEWER members plus unexpired reservations for pending non-VIEWER invitations. */
    public Mono<Long> seatsTaken(UUID orgId) {
        return db.sql("select (select count(*) from memberships where org_id = :org and status = 'ACTIVE' and role <> 'VIEWER')"
                        + " + (select count(*) from seat_reservations where org_id = :org and role <> 'VIEWER' and expires_at > now()) as taken")
                .bind("org", orgId).map(row -> row.get("taken", Long.class)).one();
    }

    static Organization read(Readable row) {
        return new Organization(row.get("id", UUID.class), row.get("name", String.class), Plan.valueOf(row.get("plan", String.class)),
                row.get("seat_limit", Integer.class), row.get("timezone", String.class), row.get("phone", String.class),
                row.get("billing_email", String.class), row.get("primary_owner_id", UUID.class), row.get("created_at", Instant.class));
    }
}
