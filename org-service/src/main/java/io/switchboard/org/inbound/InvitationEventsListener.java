package io.switchboard.org.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.org.membership.MembershipService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Accepted invitations become memberships, once each. */
@Component
class InvitationEventsListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final MembershipService memberships;

    InvitationEventsListener(Inbox inbox, EventSerde serde, MembershipService memberships) {
        this.inbox = inbox;
        this.serde = serde;
        this.memberships = memberships;
    }

    @KafkaListener(topics = Topics.IDENTITY_INVITATIONS)
    void on(ConsumerRecord<String, String> record) {
        inbox.consume("org-service.invitations", record, event -> {
            if (!EventCatalog.INVITATION_ACCEPTED.name().equals(event.type())) {
                return Mono.empty();
            }
            return memberships.join(serde.data(event, EventCatalog.INVITATION_ACCEPTED), event.actor());
        });
    }
}
