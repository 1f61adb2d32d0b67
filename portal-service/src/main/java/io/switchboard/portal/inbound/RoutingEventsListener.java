package io.switchboard.portal.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.portal.dashboard.DashboardProjection;
import io.switchboard.portal.dashboard.DashboardProperties;
import io.switchboard.portal.dashboard.DashboardRebuild;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * routing.assignments.v1 into the dashboards' read model, once per event (inbox named as the consumer group), only
 * from routing-service (anything else goes to the DLT unapplied). Its own consumer group
 * ({@code switchboard.dashboard.consumer-group}), so that a new group reads the topic from the start: the rebuild.
 * {@code routing.conversation.customer-replied} changes no count and is ignored.
 */
@Component
class RoutingEventsListener implements ConsumerSeekAware {

    private final Inbox inbox;
    private final EventSerde serde;
    private final DashboardProjection projection;
    private final DashboardRebuild rebuild;
    private final String consumer;
    /** The partitions already read from their start since this start emptied the read model. */
    private final Set<TopicPartition> rewound = new HashSet<>();

    RoutingEventsListener(Inbox inbox, EventSerde serde, DashboardProjection projection, DashboardProperties properties, DashboardRebuild rebuild) {
        this.inbox = inbox;
        this.serde = serde;
        this.projection = projection;
        this.rebuild = rebuild;
        this.consumer = properties.consumerGroup();
    }

    /**
     * When this start emptied the read model, each partition is read from its start the first time it is assigned,
     * whatever the group committed before (a group name used before would otherwise resume where it stopped).
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (!rebuild.emptiedAtStart()) {
            return;
        }
        Collection<TopicPartition> first;
        synchronized (rewound) {
            first = assignments.keySet().stream().filter(rewound::add).toList();
        }
        if (!first.isEmpty()) {
            callback.seekToBeginning(first);
        }
    }

    /**
     * In batches: one organization's records of a poll take effect together (see {@code Inbox.consumeBatch}); each event
     * is applied with the partition and offset of the record it came in (the first, for an id repeated within the batch).
     */
    @KafkaListener(topics = Topics.ROUTING_ASSIGNMENTS, groupId = "${switchboard.dashboard.consumer-group:" + DashboardProperties.DEFAULT_CONSUMER_GROUP + "}",
            batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        Map<UUID, ConsumerRecord<String, String>> byEventId = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            UUID id = eventId(record);
            if (id != null) {
                byEventId.putIfAbsent(id, record);
            }
        }
        inbox.consumeBatch(consumer, records, event -> {
            ConsumerRecord<String, String> record = byEventId.get(event.id());
            return apply(event, record.partition(), record.offset());
        });
    }

    /** The envelope id of a record; null when it has none (the inbox then refuses the record before any effect). */
    private UUID eventId(ConsumerRecord<String, String> record) {
        try {
            return record.value() == null ? null : serde.fromJson(record.value()).id();
        } catch (RuntimeException unreadable) {
            return null;
        }
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
