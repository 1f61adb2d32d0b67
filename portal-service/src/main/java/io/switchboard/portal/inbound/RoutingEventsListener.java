package io.switchboard.portal.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.portal.dashboard.DashboardProjection;
import io.switchboard.portal.dashboard.DashboardProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * routing.assignments.v1 into the dashboards' read model, once per event (inbox named as the consumer group), only
 * from routing-service (anything else goes to the DLT unapplied). Its own consumer group
 * ({@code switchboard.dashboard.consumer-group}), so that a new group reads the topic from the start: the rebuild.
 * {@code routing.conversation.customer-replied} changes no count and is ignored.
 */
@Component
class RoutingEventsListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final DashboardProjection projection;
    private final String consumer;

    RoutingEventsListener(Inbox inbox, EventSerde serde, DashboardProjection projection, DashboardProperties properties) {
        this.inbox = inbox;
        this.serde = serde;
        this.projection = projection;
        this.consumer = properties.consumerGroup();
    }

    @KafkaListener(topics = Topics.ROUTING_ASSIGNMENTS, groupId = "${switchboard.dashboard.consumer-group:" + DashboardProperties.DEFAULT_CONSUMER_GROUP + "}")
    void on(ConsumerRecord<String, String> record) {
        inbox.consume(consumer, record, event -> apply(event, record.partition(), record.offset()));
    }

    private Mono<Void> apply(EventEnvelope event, int partition, long offset) {
        String type = event.type();
        if (EventCatalog.ROUTING_CONVERSATION_QUEUED.name().equals(type)) {
            return projection.queued(serde.data(event, EventCatalog.ROUTING_CONVERSATION_QUEUED), partition, offset);
        }
        if (EventCatalog.ROUTING_CONVERSATION_ASSIGNED.name().equals(type)) {
            return projection.assigned(serde.data(event, EventCatalog.ROUTING_CONVERSATION_ASSIGNED), partition, offset);
        }
        if (EventCatalog.ROUTING_CONVERSATION_UNASSIGNED.name().equals(type)) {
            return projection.unassigned(serde.data(event, EventCatalog.ROUTING_CONVERSATION_UNASSIGNED), partition, offset);
        }
        if (EventCatalog.ROUTING_CONVERSATION_REROUTED.name().equals(type)) {
            return projection.unassigned(serde.data(event, EventCatalog.ROUTING_CONVERSATION_REROUTED), partition, offset);
        }
        if (EventCatalog.ROUTING_CONVERSATION_CLOSED.name().equals(type)) {
            return projection.closed(serde.data(event, EventCatalog.ROUTING_CONVERSATION_CLOSED), partition, offset);
        }
        if (EventCatalog.ROUTING_LEAD_QUEUED.name().equals(type)) {
            return projection.queued(serde.data(event, EventCatalog.ROUTING_LEAD_QUEUED), partition, offset);
        }
        if (EventCatalog.ROUTING_LEAD_ASSIGNED.name().equals(type)) {
            return projection.assigned(serde.data(event, EventCatalog.ROUTING_LEAD_ASSIGNED), partition, offset);
        }
        if (EventCatalog.ROUTING_LEAD_UNASSIGNED.name().equals(type)) {
            return projection.unassigned(serde.data(event, EventCatalog.ROUTING_LEAD_UNASSIGNED), partition, offset);
        }
        if (EventCatalog.ROUTING_LEAD_REROUTED.name().equals(type)) {
            return projection.unassigned(serde.data(event, EventCatalog.ROUTING_LEAD_REROUTED), partition, offset);
        }
        if (EventCatalog.ROUTING_LEAD_STATUS_CHANGED.name().equals(type)) {
            return projection.statusChanged(serde.data(event, EventCatalog.ROUTING_LEAD_STATUS_CHANGED), partition, offset);
        }
        if (EventCatalog.ROUTING_PROFILE_UPDATED.name().equals(type)) {
            return projection.profileUpdated(serde.data(event, EventCatalog.ROUTING_PROFILE_UPDATED));
        }
        if (EventCatalog.ROUTING_LEAD_STATUSES_UPDATED.name().equals(type)) {
            return projection.leadStatusesUpdated(serde.data(event, EventCatalog.ROUTING_LEAD_STATUSES_UPDATED));
        }
        return Mono.empty();
    }
}
