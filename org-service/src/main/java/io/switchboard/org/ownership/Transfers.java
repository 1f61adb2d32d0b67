package io.switchboard.org.ownership;

import io.r2dbc.spi.Readable;
import io.switchboard.messaging.change.Constraints;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The repository of ownership transfers. */
@Component
class Transfers {

    private static final String COLUMNS = "id, org_id, from_user_id, to_user_id, step_down, status, created_at, expires_at";
    private static final String ONE_PENDING = "one_pending_transfer_per_org";

    private final DatabaseClient db;

    Transfers(DatabaseClient db) {
        this.db = db;
    }

    /** A second pending transfer of one org is a 409 (the partial unique index {@value #ONE_PENDING}). */
    Mono<Void> insert(Transfer transfer) {
        return db.sql("insert into ownership_transfers (" + COLUMNS + ") values (:id, :org, :from, :to, :stepDown, :status, :created, :expires)")
                .bind("id", transfer.id()).bind("org", transfer.orgId()).bind("from", transfer.fromUserId()).bind("to", transfer.toUserId())
                .bind("stepDown", transfer.stepDown()).bind("status", transfer.status().name())
                .bind("created", transfer.createdAt()).bind("expires", transfer.expiresAt())
                .fetch().rowsUpdated()
                .onErrorMap(e -> Constraints.violated(e, ONE_PENDING), e -> new ProblemException(HttpStatus.CONFLICT,
                        ProblemTypes.of("transfer-pending"), "A transfer is already pending; cancel it first."))
                .then();
    }

    Mono<Void> saveStatus(Transfer transfer) {
        return db.sql("update ownership_transfers set status = :status where id = :id and org_id = :org")
                .bind("status", transfer.status().name()).bind("id", transfer.id()).bind("org", transfer.orgId())
                .fetch().rowsUpdated().then();
    }

    Mono<Transfer> findPending(UUID orgId) {
        return db.sql("select " + COLUMNS + " from ownership_transfers where org_id = :org and status = 'PENDING'")
                .bind("org", orgId).map(Transfers::read).one();
    }

    /** Expired transfers leave the way, so a new one can be asked for. */
    Mono<Void> cancelExpired(UUID orgId, Instant now) {
        return db.sql("update ownership_transfers set status = 'CANCELLED' where org_id = :org and status = 'PENDING' and expires_at <= :now")
                .bind("org", orgId).bind("now", now).fetch().rowsUpdated().then();
    }

    private static Transfer read(Readable row) {
        return new Transfer(row.get("id", UUID.class), row.get("org_id", UUID.class), row.get("from_user_id", UUID.class),
                row.get("to_user_id", UUID.class), Boolean.TRUE.equals(row.get("step_down", Boolean.class)),
                TransferStatus.valueOf(row.get("status", String.class)), row.get("created_at", Instant.class), row.get("expires_at", Instant.class));
    }
}
