package io.switchboard.routing.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.messaging.RejectedRecordException;
import io.switchboard.routing.work.InboundConversations;
import io.switchboard.web.ProblemException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * conversations.inbound.v1, from the channel integrations (envelope source "channels"): opened, customer
 * replied, closed; idempotent by the organization's externalId (and the inbox drops redeliveries). A record
 * that names something unknown or invalid (a channel, portal, team or client that is not there, a reply to an
 * unknown conversation) goes to the dead-letter topic at once with the reason in its
 * {@code x-switchboard-rejected} header: retrying would not make it valid.
 */
@Component
class ConversationsInboundListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final InboundConversations conversations;

    ConversationsInboundListener(Inbox inbox, EventSerde serde, InboundConversations conversations) {
        this.inbox = inbox;
        this.serde = serde;
        this.conversations = conversations;
    }

    /** In batches: one organization's records of a poll take effect in one transaction (see {@code Inbox.consumeBatch}). */
    @KafkaListener(topics = Topics.CONVERSATIONS_INBOUND, batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        inbox.consumeBatch("routing-service.conversations-inbound", records, this::apply);
    }

    private Mono<Void> apply(EventEnvelope event) {
        String type = event.type();
        Mono<Void> effect;
        try {
            if (EventCatalog.CONVERSATION_OPENED.name().equals(type)) {
                effect = conversations.opened(serde.data(event, EventCatalog.CONVERSATION_OPENED));
            } else if (EventCatalog.CONVERSATION_CUSTOMER_REPLIED.name().equals(type)) {
                effect = conversations.replied(serde.data(event, EventCatalog.CONVERSATION_CUSTOMER_REPLIED));
            } else if (EventCatalog.CONVERSATION_ENDED.name().equals(type)) {
                effect = conversations.ended(serde.data(event, EventCatalog.CONVERSATION_ENDED));
            } else {
                return Mono.error(new RejectedRecordException("unknown event type " + type + " on " + Topics.CONVERSATIONS_INBOUND));
            }
        } catch (RuntimeException unreadable) {
            return Mono.error(new RejectedRecordException("unreadable " + type + " data: " + unreadable.getMessage()));
        }
        return effect.onErrorMap(ProblemException.class, problem -> new RejectedRecordException(type + ": " + problem.getMessage()
                + (problem.properties().containsKey("errors") ? " " + problem.properties().get("errors") : "")));
    }
}
