package io.switchboard.org.organization;

import io.switchboard.events.access.Permission;
import io.switchboard.messaging.Outbox;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import io.switchboard.org.access.Member;
import io.switchboard.org.access.Members;
import io.switchboard.org.access.MembershipStates;
import io.switchboard.org.audit.AuditLog;
import io.switchboard.web.Caller;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one write path of an organization, in one transaction: lock the organization's row (so concurrent
 * changes of one org happen one after another and its guards see each other), check the actor's
 * permission, run the step, append the events it raised to the outbox and its lines to the audit log.
 * Anything that fails rolls all of it back.
 */
@Component
public class OrgWrites {

    private final Organizations organizations;
    private final Members members;
    private final Outbox outbox;
    private final AuditLog audit;
    private final MembershipStates membershipStates;
    private final TransactionalOperator tx;

    OrgWrites(Organizations organizations, Members members, Outbox outbox, AuditLog audit, MembershipStates membershipStates,
              ReactiveTransactionManager transactionManager) {
        this.membershipStates = membershipStates;
        this.organizations = organizations;
        this.members = members;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    /** A change made by a member who must hold {@code permission} (404 for non-members, 403 without it). */
    public <T> Mono<T> asMember(UUID orgId, Caller caller, Permission permission, BiFunction<Organization, Member, Mono<Change<T>>> step) {
        Mono<T> write = organizations.lock(orgId)
                .flatMap(org -> members.require(orgId, caller, permission).flatMap(actor -> step.apply(org, actor)))
                .flatMap(change -> commit(orgId, Actor.user(caller.userId()), change));
        return tx.transactional(write);
    }

    /** A change whose actor was authorized otherwise (self-service, a realm role, a verified event). */
    public <T> Mono<T> as(UUID orgId, Actor actor, Function<Organization, Mono<Change<T>>> step) {
        Mono<T> write = organizations.lock(orgId)
                .flatMap(step)
                .flatMap(change -> commit(orgId, actor, change));
        return tx.transactional(write);
    }

    /** Inside a write: 409 unless one more agent seat is free. */
    public Mono<Void> requireFreeSeat(Organization org) {
        return organizations.seatsTaken(org.id()).doOnNext(org::requireFreeSeat).then();
    }

    public Mono<Long> seatsTaken(UUID orgId) {
        return organizations.seatsTaken(orgId);
    }

    /** Inside a write: the organization's primary owner becomes {@code userId}. */
    public Mono<Organization> movePrimaryOwner(Organization org, UUID userId) {
        Organization after = org.withPrimaryOwner(userId);
        return organizations.save(after).thenReturn(after);
    }

    /**
     * Appends the change's events, the new state of the memberships and roles they touched
     * (org.membership-state.v1) and its audit lines; answers its result (empty for none).
     */
    <T> Mono<T> commit(UUID orgId, Actor actor, Change<T> change) {
        return Flux.fromIterable(change.events()).concatMap(event -> append(orgId, actor, event))
                .then(Mono.defer(() -> membershipStates.after(orgId, actor.envelopeActor(), List.copyOf(change.events()))))
                .thenMany(Flux.fromIterable(change.audit()).concatMap(entry -> audit.record(orgId, actor, entry)))
                .then(Mono.justOrEmpty(change.result()));
    }

    <T> Mono<T> inTransaction(Mono<T> write) {
        return tx.transactional(write);
    }

    private <E extends Record> Mono<?> append(UUID orgId, Actor actor, PendingEvent<E> event) {
        return outbox.append(event.type(), orgId, actor.envelopeActor(), event.data());
    }
}
