package io.switchboard.routing.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.messaging.RejectedRecordException;
import io.switchboard.routing.leads.InboundLeads;
import io.switchboard.web.ProblemException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * leads.inbound.v1, from the channel integrations (envelope source "channels"): lead.received, idempotent by the
 * organization's externalId (and the inbox drops redeliveries). A record that is unreadable or invalid (no
 * portal or client, one that is not the organization's, oversize fields, no contact) goes to the dead-letter
 * topic at once with the reason in its {@code x-switchboard-rejected} header; nothing of it is written.
 */
@Component
class LeadsInboundListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final InboundLeads leads;

    LeadsInboundListener(Inbox inbox, EventSerde serde, InboundLeads leads) {
        this.inbox = inbox;
        this.serde = serde;
        this.leads = leads;
    }

    /** In batches, as conversations: one organization's records of a poll take effect in one transaction. */
    @KafkaListener(topics = Topics.LEADS_INBOUND, batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        inbox.consumeBatch("routing-service.leads-inbound", records, this::apply);
    }

    private Mono<Void> apply(EventEnvelope event) {
        String type = event.type();
        Mono<Void> effect;
        try {
            if (EventCatalog.LEAD_RECEIVED.name().equals(type)) {
                effect = leads.received(serde.data(event, EventCatalog.LEAD_RECEIVED));
            } else {
                return Mono.error(new RejectedRecordException("unknown event type " + type + " on " + Topics.LEADS_INBOUND));
            }
        } catch (RuntimeException unreadable) {
            return Mono.error(new RejectedRecordException("unreadable " + type + " data: " + unreadable.getMessage()));
        }
        return effect.onErrorMap(ProblemException.class, problem -> new RejectedRecordException(type + ": " + problem.getMessage()
                + (problem.properties().containsKey("errors") ? " " + problem.properties().get("errors") : "")));
    }
}
