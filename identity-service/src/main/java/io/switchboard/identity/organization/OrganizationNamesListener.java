package io.switchboard.identity.organization;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Keeps the names of organizations, for invitation mails and the public look-up of a token. */
@Component
class OrganizationNamesListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final OrganizationNames names;

    OrganizationNamesListener(Inbox inbox, EventSerde serde, OrganizationNames names) {
        this.inbox = inbox;
        this.serde = serde;
        this.names = names;
    }

    @KafkaListener(topics = Topics.ORG_ORGANIZATIONS)
    void on(ConsumerRecord<String, String> record) {
        inbox.consume("identity-service.organizations", record, event -> {
            if (event.type().equals(EventCatalog.ORGANIZATION_CREATED.name())) {
                var created = serde.data(event, EventCatalog.ORGANIZATION_CREATED);
                return upsert(created.orgId(), created.name());
            }
            if (event.type().equals(EventCatalog.ORGANIZATION_UPDATED.name())) {
                var updated = serde.data(event, EventCatalog.ORGANIZATION_UPDATED);
                return upsert(updated.orgId(), updated.name());
            }
            return Mono.empty();
        });
    }

    private Mono<Void> upsert(UUID orgId, String name) {
        return names.upsert(orgId, name);
    }
}
