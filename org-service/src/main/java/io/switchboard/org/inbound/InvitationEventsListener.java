package io.switchboard.org.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.messaging.change.Actor;
import io.switchboard.org.membership.MembershipService;
import io.switchboard.org.seat.Seats;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * identity-service's invitations: an accepted one becomes a membership (if it matches the seat reservation
 * made when it was sent), a revoked one frees its seat. Once each; refused records go to the dead-letter topic.
 */
@Component
class InvitationEventsListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final MembershipService memberships;
    private final Seats seats;

    InvitationEventsListener(Inbox inbox, EventSerde serde, MembershipService memberships, Seats seats) {
        this.inbox = inbox;
        this.serde = serde;
        this.memberships = memberships;
        this.seats = seats;
    }

    @KafkaListener(topics = Topics.IDENTITY_INVITATIONS)
    void on(ConsumerRecord<String, String> record) {
        inbox.consume("org-service.invitations", record, this::apply);
    }

    private Mono<Void> apply(EventEnvelope event) {
        if (EventCatalog.INVITATION_ACCEPTED.name().equals(event.type())) {
            return memberships.join(serde.data(event, EventCatalog.INVITATION_ACCEPTED));
        }
        if (EventCatalog.INVITATION_REVOKED.name().equals(event.type())) {
            return seats.revoked(serde.data(event, EventCatalog.INVITATION_REVOKED), Actor.fromEnvelope(event.actor(), Actor.SYSTEM));
        }
        return Mono.empty();
    }
}
