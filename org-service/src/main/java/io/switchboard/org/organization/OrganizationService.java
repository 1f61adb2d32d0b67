package io.switchboard.org.organization;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.org.access.FreshAuthentication;
import io.switchboard.org.access.Member;
import io.switchboard.org.access.Members;
import io.switchboard.web.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        Change<Organization> created = Organization.create(request.name(), caller.userId(), caller.name(), caller.email(),
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        Organization org = created.result();
        Mono<Organization> write = organizations.insert(org)
                .then(members.insertOwner(org.id(), caller.userId(), BuiltInRole.OWNER.name(), caller.email(), caller.name()))
                .then(writes.commit(org.id(), Actor.user(caller.userId()), created));
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
                    Change<Organization> change = org.update(request.name(), request.timezone(), request.phone(), request.billingEmail(),
                            request.managersMayInviteManagers());
                    return change.events().isEmpty() ? Mono.just(change) : organizations.save(change.result()).thenReturn(change);
                })
                .then(Mono.defer(() -> get(orgId, caller)));
    }

    /** Soft delete: the row stays for the audit log; every membership ends with the event. */
    /** {@code signedInAt}: the token's auth_time (fresh sign-in), checked once the caller is known to hold the permission. */
    Mono<Void> delete(UUID orgId, Caller caller, Instant signedInAt) {
        return writes.asMember(orgId, caller, Permission.ORG_DELETE, (org, actor) -> {
            FreshAuthentication.require(signedInAt, clock);
            return organizations.softDelete(orgId).thenReturn(org.delete());
        });
    }

    private Mono<OrganizationView> view(UUID orgId, Member reader) {
        return organizations.find(orgId)
                .flatMap(org -> organizations.seatsTaken(orgId).map(taken -> OrganizationView.of(org, taken, reader)));
    }
}
