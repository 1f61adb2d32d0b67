package io.switchboard.org.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.org.portal.PortalMembershipProjection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * portal-service's portal memberships ({@code portal.portals.v1}), projected so that a MANAGER's member rights
 * follow the portals they manage and member details list each member's portals. Once each; portal
 * creations and renames are not needed here and are skipped.
 */
@Component
class PortalEventsListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final PortalMembershipProjection projection;

    PortalEventsListener(Inbox inbox, EventSerde serde, PortalMembershipProjection projection) {
        this.inbox = inbox;
        this.serde = serde;
        this.projection = projection;
    }

    @KafkaListener(topics = Topics.PORTAL_PORTALS)
    void on(ConsumerRecord<String, String> record) {
        inbox.consume("org-service.portals", record, this::apply);
    }

    private Mono<Void> apply(EventEnvelope event) {
        String type = event.type();
        if (EventCatalog.PORTAL_MEMBER_ADDED.name().equals(type)) {
            return projection.added(serde.data(event, EventCatalog.PORTAL_MEMBER_ADDED));
        }
        if (EventCatalog.PORTAL_MEMBER_ROLE_CHANGED.name().equals(type)) {
            return projection.roleChanged(serde.data(event, EventCatalog.PORTAL_MEMBER_ROLE_CHANGED));
        }
        if (EventCatalog.PORTAL_MEMBER_REMOVED.name().equals(type)) {
            return projection.removed(serde.data(event, EventCatalog.PORTAL_MEMBER_REMOVED));
        }
        if (EventCatalog.PORTAL_ARCHIVED.name().equals(type)) {
            return projection.archived(serde.data(event, EventCatalog.PORTAL_ARCHIVED));
        }
        return Mono.empty();
    }
}
