package io.switchboard.org.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.org.audit.AuditStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * routing-service's audit entries ({@code routing.audit.v1}: routing profiles, teams, clients, forced assignments),
 * appended to the organization's one audit log, once each.
 */
@Component
class RoutingAuditListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final AuditStream audit;

    RoutingAuditListener(Inbox inbox, EventSerde serde, AuditStream audit) {
        this.inbox = inbox;
        this.serde = serde;
        this.audit = audit;
    }

    @KafkaListener(topics = Topics.ROUTING_AUDIT)
    void on(ConsumerRecord<String, String> record) {
        inbox.consume("org-service.routing-audit", record, this::apply);
    }

    private Mono<Void> apply(EventEnvelope event) {
        return EventCatalog.ROUTING_AUDIT_RECORDED.name().equals(event.type())
                ? audit.append(serde.data(event, EventCatalog.ROUTING_AUDIT_RECORDED), event.source())
                : Mono.empty();
    }
}
