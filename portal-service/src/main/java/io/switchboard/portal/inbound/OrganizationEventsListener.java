package io.switchboard.portal.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.messaging.change.Actor;
import io.switchboard.portal.dashboard.DashboardProjection;
import io.switchboard.portal.portals.PortalService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * org.organizations.v1: a new organization gets its default portal ("Sales Portal"), once; an updated one's time
 * zone is kept for its dashboards.
 */
@Component
class OrganizationEventsListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final PortalService portals;
    private final DashboardProjection dashboards;

    OrganizationEventsListener(Inbox inbox, EventSerde serde, PortalService portals, DashboardProjection dashboards) {
        this.inbox = inbox;
        this.serde = serde;
        this.portals = portals;
        this.dashboards = dashboards;
    }

    @KafkaListener(topics = Topics.ORG_ORGANIZATIONS)
    void on(ConsumerRecord<String, String> record) {
        inbox.consume("portal-service.organizations", record, this::apply);
    }

    private Mono<Void> apply(EventEnvelope event) {
        if (EventCatalog.ORGANIZATION_CREATED.name().equals(event.type())) {
            return portals.ensureDefaultPortal(serde.data(event, EventCatalog.ORGANIZATION_CREATED).orgId(), Actor.fromEnvelope(event.actor(), Actor.SYSTEM)).then();
        }
        if (EventCatalog.ORGANIZATION_UPDATED.name().equals(event.type())) {
            var updated = serde.data(event, EventCatalog.ORGANIZATION_UPDATED);
            return dashboards.timezone(updated.orgId(), updated.timezone());
        }
        return Mono.empty();
    }
}
