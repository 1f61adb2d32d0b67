package io.switchboard.portal.change;

import io.switchboard.messaging.change.PendingEvent;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * A table that keeps some events as history (the availability log keeps every availability change), written
 * by {@link OrgWrites} in the transaction of the change, right before the event goes to the outbox.
 */
public interface EventJournal {

    Mono<Void> record(UUID orgId, PendingEvent<?> event);
}
