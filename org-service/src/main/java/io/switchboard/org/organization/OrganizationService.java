package io.switchboard.org.organization;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.OrganizationCreated;
import io.switchboard.org.access.Member;
import io.switchboard.org.access.Members;
import io.switchboard.org.change.Actor;
import io.switchboard.org.change.AuditEntry;
import io.switchboard.org.change.Change;
import io.switchboard.org.change.PendingEvent;
import io.switchboard.web.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Service
class OrganizationService {

    private final Organizations organizations;
    private final Members members;
    private final OrgWrites writes;
    private final Clock clock;

    OrganizationService(Organizations organizations, Members members, OrgWrites writes, Clock clock) {
        this.organizations = organizations;
        this.members = members;
        this.writes = writes;
        this.clock = clock;
    }

    /** The caller becomes the primary owner of the new organization, which starts on FREE_TRIAL. */
    Mono<OrganizationView> create(Caller caller, CreateOrganizationRequest request) {
        Plan plan = Plan.FREE_TRIAL;
        Organization org = new Organization(UUID.randomUUID(), request.name().trim(), plan, plan.defaultSeats(), "UTC", null, null,
                caller.userId(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        String owner = BuiltInRole.OWNER.name();
        Change<Void> created = new Change<>(null,
                List.of(PendingEvent.of(EventCatalog.ORGANIZATION_CREATED, new OrganizationCreated(org.id(), org.name(), plan.name(), caller.userId())),
                        PendingEvent.of(EventCatalog.MEMBER_JOINED, new MemberJoined(org.id(), caller.userId(), owner))),
                List.of(new AuditEntry("org.created", org.target(), Map.of(), Map.of("name", org.name(), "plan", plan.name(), "seatLimit", org.seatLimit()))));
        Mono<Void> write = organizations.insert(org)
                .then(members.insertOwner(org.id(), caller.userId(), owner, caller.email(), caller.name()))
                .then(writes.commit(org.id(), Actor.of(caller), created));
        return writes.inTransaction(write)
                .then(Mono.defer(() -> get(org.id(), caller)));
    }

    Mono<OrganizationView> get(UUID orgId, Caller caller) {
        return members.require(orgId, caller, Permission.ORG_READ)
                .flatMap(reader -> view(orgId, reader));
    }

    Flux<MyOrganization> mine(Caller caller) {
        return organizations.of(caller.userId());
    }

    Mono<OrganizationView> update(UUID orgId, Caller caller, UpdateOrganizationRequest request) {
        return writes.asMember(orgId, caller, Permission.ORG_UPDATE, (org, actor) -> {
                    Change<Organization> change = org.update(request.name(), request.timezone(), request.phone(), request.billingEmail());
                    return change.events().isEmpty() ? Mono.just(change) : organizations.save(change.result()).thenReturn(change);
                })
                .then(Mono.defer(() -> get(orgId, caller)));
    }

    /** Soft delete: the row stays for the audit log; every membership ends with the event. */
    Mono<Void> delete(UUID orgId, Caller caller) {
        return writes.asMember(orgId, caller, Permission.ORG_DELETE,
                (org, actor) -> organizations.softDelete(orgId).thenReturn(org.delete()));
    }

    private Mono<OrganizationView> view(UUID orgId, Member reader) {
        return organizations.find(orgId)
                .flatMap(org -> organizations.seatsTaken(orgId).map(taken -> OrganizationView.of(org, taken, reader)));
    }
}
