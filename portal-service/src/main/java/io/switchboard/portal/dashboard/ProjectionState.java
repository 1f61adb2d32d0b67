package io.switchboard.portal.dashboard;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The repository of which consumer built the read model (table dashboard_projection), and the emptying of it for a rebuild. */
@Component
class ProjectionState {

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    ProjectionState(DatabaseClient db, ReactiveTransactionManager transactionManager) {
        this.db = db;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    /**
     * In one transaction, under a lock on the state row (several instances starting at once take turns): when the
     * read model was built by another consumer than {@code consumer}, empties it and the inbox rows of both consumers
     * (the new one may have been used before), and records {@code consumer}. Answers the consumer that had built it (empty: none, or the same).
     */
    Mono<String> claim(String consumer, Instant now) {
        Mono<String> claim = db.sql("lock table dashboard_projection in exclusive mode").fetch().rowsUpdated()
                .then(db.sql("select consumer from dashboard_projection").map(row -> row.get("consumer", String.class)).one()
                        .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                .flatMap(before -> {
                    if (before.isPresent() && before.get().equals(consumer)) {
                        return Mono.empty();
                    }
                    Mono<Void> empty = before.isEmpty() ? Mono.empty()
                            : db.sql("truncate dashboard_work, dashboard_capacities, dashboard_lead_statuses").fetch().rowsUpdated()
                            // the new consumer's rows too: a group used before must apply again what it applied then
                            .then(db.sql("delete from inbox where consumer in (:old, :new)").bind("old", before.get()).bind("new", consumer)
                                    .fetch().rowsUpdated()).then();
                    return empty.then(db.sql("insert into dashboard_projection (singleton, consumer, started_at) values (true, :consumer, :now) "
                                    + "on conflict (singleton) do update set consumer = excluded.consumer, started_at = excluded.started_at")
                                    .bind("consumer", consumer).bind("now", now).fetch().rowsUpdated())
                            .then(Mono.justOrEmpty(before));
                });
        return tx.transactional(claim);
    }
}
