package io.switchboard.org.organization;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.OrganizationCreated;
import io.switchboard.events.org.OrganizationDeleted;
import io.switchboard.events.org.OrganizationUpdated;
import io.switchboard.messaging.Outbox;
import io.switchboard.org.access.Members;
import io.switchboard.org.audit.AuditLog;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Service
class OrganizationService {

    private final DatabaseClient db;
    private final Organizations organizations;
    private final Members members;
    private final Outbox outbox;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    OrganizationService(DatabaseClient db, Organizations organizations, Members members, Outbox outbox, AuditLog audit,
                        ReactiveTransactionManager transactionManager) {
        this.db = db;
        this.organizations = organizations;
        this.members = members;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    /** The caller becomes the primary owner of the new organization. */
    Mono<Organization> create(Caller caller, CreateOrganizationRequest request) {
        UUID orgId = UUID.randomUUID();
        Plan plan = request.plan() == null ? Plan.FREE_TRIAL : request.plan();
        int seats = plan.seats(request.seatLimit());
        String owner = BuiltInRole.OWNER.name();
        Mono<Organization> created = db.sql("insert into organizations (id, name, plan, seat_limit, primary_owner_id) values (:id, :name, :plan, :seats, :owner)")
                .bind("id", orgId).bind("name", request.name().trim()).bind("plan", plan.name()).bind("seats", seats).bind("owner", caller.userId())
                .fetch().rowsUpdated()
                .then(db.sql("insert into memberships (org_id, user_id, role, status, email, display_name) values (:org, :user, :role, 'ACTIVE', :email, :name)")
                        .bind("org", orgId).bind("user", caller.userId()).bind("role", owner)
                        .bind("email", caller.email() == null ? "" : caller.email()).bind("name", caller.name() == null ? "" : caller.name())
                        .fetch().rowsUpdated())
                .then(outbox.append(EventCatalog.ORGANIZATION_CREATED, orgId, actor(caller), new OrganizationCreated(orgId, request.name().trim(), plan.name(), caller.userId())))
                .then(outbox.append(EventCatalog.MEMBER_JOINED, orgId, actor(caller), new MemberJoined(orgId, caller.userId(), owner)))
                .then(audit.record(orgId, caller.userId(), "org.created", "org:" + orgId, Map.of(),
                        Map.of("name", request.name().trim(), "plan", plan.name(), "seatLimit", seats)))
                .then(organizations.find(orgId));
        return tx.transactional(created);
    }

    Mono<Organization> get(UUID orgId, Caller caller) {
        return members.require(orgId, caller, Permission.ORG_READ).then(organizations.find(orgId));
    }

    Flux<MyOrganization> mine(Caller caller) {
        return db.sql("select o.id, o.name, m.role, m.status, o.primary_owner_id = m.user_id as primary_owner from memberships m "
                        + "join organizations o on o.id = m.org_id and o.deleted_at is null "
                        + "where m.user_id = :user and m.status <> 'REMOVED' order by o.name, o.id")
                .bind("user", caller.userId())
                .map(row -> new MyOrganization(row.get("id", UUID.class), row.get("name", String.class), row.get("role", String.class),
                        row.get("status", String.class), Boolean.TRUE.equals(row.get("primary_owner", Boolean.class))))
                .all();
    }

    Mono<Organization> update(UUID orgId, Caller caller, UpdateOrganizationRequest request) {
        Mono<Organization> updated = members.require(orgId, caller, Permission.ORG_UPDATE)
                .flatMap(actor -> request.touchesBilling() && !actor.can(Permission.BILLING_MANAGE)
                        ? Mono.error(ProblemException.forbidden("Billing email, plan and seats are for owners."))
                        : organizations.lock(orgId))
                .flatMap(before -> {
                    Plan plan = request.plan() != null ? request.plan() : before.plan();
                    int seats = request.plan() != null || request.seatLimit() != null
                            ? plan.seats(request.seatLimit() != null ? request.seatLimit() : before.seatLimit()) : before.seatLimit();
                    Organization after = new Organization(orgId, request.name() != null ? request.name().trim() : before.name(), plan, seats,
                            request.timezone() != null ? request.timezone() : before.timezone(),
                            request.phone() != null ? request.phone() : before.phone(),
                            request.billingEmail() != null ? request.billingEmail() : before.billingEmail(),
                            before.primaryOwnerId(), before.createdAt());
                    var update = db.sql("update organizations set name = :name, plan = :plan, seat_limit = :seats, timezone = :tz, phone = :phone, billing_email = :billing where id = :id")
                            .bind("id", orgId).bind("name", after.name()).bind("plan", plan.name()).bind("seats", seats).bind("tz", after.timezone());
                    update = after.phone() == null ? update.bindNull("phone", String.class) : update.bind("phone", after.phone());
                    update = after.billingEmail() == null ? update.bindNull("billing", String.class) : update.bind("billing", after.billingEmail());
                    return update.fetch().rowsUpdated()
                            .then(outbox.append(EventCatalog.ORGANIZATION_UPDATED, orgId, actor(caller),
                                    new OrganizationUpdated(orgId, after.name(), plan.name(), seats, after.timezone())))
                            .then(audit.record(orgId, caller.userId(), "org.updated", "org:" + orgId, state(before), state(after)))
                            .thenReturn(after);
                });
        return tx.transactional(updated);
    }

    /** Soft delete: the row stays for the audit log; every membership ends with the event. */
    Mono<Void> delete(UUID orgId, Caller caller) {
        Mono<Void> deleted = members.require(orgId, caller, Permission.ORG_DELETE)
                .then(organizations.lock(orgId))
                .flatMap(org -> db.sql("update organizations set deleted_at = now() where id = :id").bind("id", orgId).fetch().rowsUpdated()
                        .then(outbox.append(EventCatalog.ORGANIZATION_DELETED, orgId, actor(caller), new OrganizationDeleted(orgId)))
                        .then(audit.record(orgId, caller.userId(), "org.deleted", "org:" + orgId, state(org), Map.of())));
        return tx.transactional(deleted);
    }

    static Map<String, Object> state(Organization org) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", org.name());
        state.put("plan", org.plan().name());
        state.put("seatLimit", org.seatLimit());
        state.put("timezone", org.timezone());
        state.put("phone", org.phone());
        state.put("billingEmail", org.billingEmail());
        return state;
    }

    private static String actor(Caller caller) {
        return caller.userId().toString();
    }

}
