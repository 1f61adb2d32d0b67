package io.switchboard.portal.change;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.audit.AuditRecorded;
import io.switchboard.messaging.Outbox;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one write path of an organization's portals, in one transaction: take the organization's lock (a
 * transaction-scoped advisory lock, so concurrent changes of one org's portals happen one after another and
 * their checks see each other), run the step, write the journals (availability log), append its events and
 * one {@code portal.audit.recorded} per audit line to the outbox. Anything that fails rolls all of it back.
 */
@Component
public class OrgWrites {

    private final DatabaseClient db;
    private final Outbox outbox;
    private final List<EventJournal> journals;
    private final Clock clock;
    private final TransactionalOperator tx;

    OrgWrites(DatabaseClient db, Outbox outbox, List<EventJournal> journals, Clock clock, ReactiveTransactionManager transactionManager) {
        this.db = db;
        this.outbox = outbox;
        this.journals = List.copyOf(journals);
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

    /** Inside a write: appends the change's journal rows, events and audit records; answers its result. */
    <T> Mono<T> commit(UUID orgId, Actor actor, Change<T> change) {
        return Flux.fromIterable(change.events())
                .concatMap(event -> Flux.fromIterable(journals).concatMap(journal -> journal.record(orgId, event))
                        .then(append(orgId, actor, event)))
                .thenMany(Flux.fromIterable(change.audit()).concatMap(entry -> outbox.append(EventCatalog.PORTAL_AUDIT_RECORDED, orgId,
                        actor.envelopeActor(), new AuditRecorded(orgId, actor.userId(), entry.action(), entry.target(),
                                entry.before(), entry.after(), clock.instant()))))
                .then(Mono.justOrEmpty(change.result()));
    }

    private Mono<Void> lock(UUID orgId) {
        return db.sql("select pg_advisory_xact_lock(:key)")
                .bind("key", orgId.getMostSignificantBits() ^ orgId.getLeastSignificantBits())
                .fetch().rowsUpdated().then();
    }

    private <E extends Record> Mono<?> append(UUID orgId, Actor actor, PendingEvent<E> event) {
        return outbox.append(event.type(), orgId, actor.envelopeActor(), event.data());
    }
}
