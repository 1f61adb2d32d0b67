package io.switchboard.org.organization;

import io.r2dbc.spi.Readable;
import io.switchboard.web.ProblemException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The repository of organizations. {@link #lock} serializes every change to one organization. */
@Component
class Organizations {

    private static final String COLUMNS = "id, name, plan, seat_limit, timezone, phone, billing_email, primary_owner_id, created_at, "
            + "managers_may_invite_managers";

    private final DatabaseClient db;

    Organizations(DatabaseClient db) {
        this.db = db;
    }

    Mono<Organization> find(UUID orgId) {
        return db.sql("select " + COLUMNS + " from organizations where id = :id and deleted_at is null")
                .bind("id", orgId).map(Organizations::read).one();
    }

    /**
     * Locks the organization's row until the transaction ends. Every change of one organization takes this
     * lock first, so the owner and seat guards see every concurrent change.
     */
    Mono<Organization> lock(UUID orgId) {
        return db.sql("select " + COLUMNS + " from organizations where id = :id and deleted_at is null for update")
                .bind("id", orgId).map(Organizations::read).one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)));
    }

    Mono<Void> insert(Organization org) {
        return db.sql("insert into organizations (id, name, plan, seat_limit, primary_owner_id) values (:id, :name, :plan, :seats, :owner)")
                .bind("id", org.id()).bind("name", org.name()).bind("plan", org.plan().name()).bind("seats", org.seatLimit())
                .bind("owner", org.primaryOwnerId())
                .fetch().rowsUpdated().then();
    }

    Mono<Void> save(Organization org) {
        var update = db.sql("update organizations set name = :name, plan = :plan, seat_limit = :seats, timezone = :tz, phone = :phone, "
                        + "billing_email = :billing, primary_owner_id = :owner, managers_may_invite_managers = :managersMayInviteManagers where id = :id")
                .bind("id", org.id()).bind("name", org.name()).bind("plan", org.plan().name()).bind("seats", org.seatLimit())
                .bind("tz", org.timezone()).bind("owner", org.primaryOwnerId())
                .bind("managersMayInviteManagers", org.managersMayInviteManagers());
        update = org.phone() == null ? update.bindNull("phone", String.class) : update.bind("phone", org.phone());
        update = org.billingEmail() == null ? update.bindNull("billing", String.class) : update.bind("billing", org.billingEmail());
        return update.fetch().rowsUpdated().then();
    }

    Mono<Void> softDelete(UUID orgId) {
        return db.sql("update organizations set deleted_at = now() where id = :id").bind("id", orgId).fetch().rowsUpdated().then();
    }

    /**
     * Agent seats taken: active members whose role is not VIEWER, except the primary owner, plus unexpired
     * reservations of pending invitations whose role is not VIEWER.
     */
    Mono<Long> seatsTaken(UUID orgId) {
        return db.sql("select (select count(*) from memberships m where m.org_id = o.id and m.status = 'ACTIVE' and m.role <> 'VIEWER' "
                        + "and m.user_id <> o.primary_owner_id) + (select count(*) from seat_reservations r where r.org_id = o.id "
                        + "and r.role <> 'VIEWER' and r.expires_at > now()) as taken from organizations o where o.id = :org")
                .bind("org", orgId).map(row -> row.get("taken", Long.class)).one()
                .defaultIfEmpty(0L);
    }

    Flux<MyOrganization> of(UUID userId) {
        return db.sql("select o.id, o.name, m.role, m.status, o.primary_owner_id = m.user_id as primary_owner from memberships m "
                        + "join organizations o on o.id = m.org_id and o.deleted_at is null "
                        + "where m.user_id = :user and m.status <> 'REMOVED' order by o.name, o.id")
                .bind("user", userId)
                .map(row -> new MyOrganization(row.get("id", UUID.class), row.get("name", String.class), row.get("role", String.class),
                        row.get("status", String.class), Boolean.TRUE.equals(row.get("primary_owner", Boolean.class))))
                .all();
    }

    private static Organization read(Readable row) {
        return new Organization(row.get("id", UUID.class), row.get("name", String.class), Plan.valueOf(row.get("plan", String.class)),
                row.get("seat_limit", Integer.class), row.get("timezone", String.class), row.get("phone", String.class),
                row.get("billing_email", String.class), row.get("primary_owner_id", UUID.class), row.get("created_at", Instant.class),
                Boolean.TRUE.equals(row.get("managers_may_invite_managers", Boolean.class)));
    }
}
