package io.switchboard.routing.change;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.audit.AuditRecorded;
import io.switchboard.messaging.Outbox;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one write path of an organization's routing, in one transaction: take the organization's lock (a
 * transaction-scoped advisory lock: one organization's routing changes happen one after another, so a change
 * that frees capacity and the queue it drains see each other, and no freed capacity is missed by a conversation
 * queued at the same moment), run the step, append its events and one {@code routing.audit.recorded} per audit
 * line to the outbox. Anything that fails rolls all of it back. Different organizations run in parallel.
 */
@Component
public class OrgWrites {

    private final DatabaseClient db;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionalOperator tx;

    OrgWrites(DatabaseClient db, Outbox outbox, Clock clock, ReactiveTransactionManager transactionManager) {
        this.db = db;
        this.outbox = outbox;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    /** Runs {@code step} under the organization's lock and commits what it decided; answers its result (empty for none). */
    public <T> Mono<T> write(UUID orgId, Actor actor, Supplier<Mono<Change<T>>> step) {
        Mono<T> write = lock(orgId)
                .then(Mono.defer(step))
                .flatMap(change -> commit(orgId, actor, change));
        return tx.transactional(write);
    }

    /** Inside a write: appends the change's events and audit records; answers its result. */
    <T> Mono<T> commit(UUID orgId, Actor actor, Change<T> change) {
        return Flux.fromIterable(change.events())
                .concatMap(event -> append(orgId, actor, event))
                .thenMany(Flux.fromIterable(change.audit()).concatMap(entry -> outbox.append(EventCatalog.ROUTING_AUDIT_RECORDED, orgId,
                        actor.envelopeActor(), new AuditRecorded(orgId, actor.userId(), entry.action(), entry.target(),
                                entry.before(), entry.after(), clock.instant()))))
                .then(Mono.justOrEmpty(change.result()));
    }

    /**
     * Takes the organization's lock, once per transaction: several writes in one transaction (a batch of one
     * organization's inbound records, see {@code Inbox.consumeBatch}) hold it from the first to the commit. The
     * mark that it is held lives in the transaction's context and is removed when the transaction completes.
     */
    private Mono<Void> lock(UUID orgId) {
        String held = "switchboard.routing.org-lock." + orgId;
        return TransactionSynchronizationManager.forCurrentTransaction().flatMap(transaction -> transaction.hasResource(held)
                ? Mono.<Void>empty()
                : db.sql("select pg_advisory_xact_lock(:key)")
                        .bind("key", orgId.getMostSignificantBits() ^ orgId.getLeastSignificantBits())
                        .fetch().rowsUpdated()
                        .doOnNext(taken -> {
                            transaction.bindResource(held, Boolean.TRUE);
                            transaction.registerSynchronization(new TransactionSynchronization() {
                                @Override
                                public Mono<Void> afterCompletion(int status) {
                                    return Mono.fromRunnable(() -> transaction.unbindResourceIfPossible(held));
                                }
                            });
                        })
                        .then());
    }

    private <E extends Record> Mono<?> append(UUID orgId, Actor actor, PendingEvent<E> event) {
        return outbox.append(event.type(), orgId, actor.envelopeActor(), event.data());
    }
}
