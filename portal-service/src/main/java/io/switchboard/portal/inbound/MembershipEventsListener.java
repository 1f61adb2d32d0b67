package io.switchboard.portal.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.messaging.change.Actor;
import io.switchboard.portal.portals.OrgMemberEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * org.memberships.v1: joins, role changes, removals, deactivations and reactivations reach portals, once per
 * event. {@code org.organization.deleted} is ignored: the membership projection then refuses every caller of
 * that organization, and its portals stay as history.
 */
@Component
class MembershipEventsListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final OrgMemberEvents members;

    MembershipEventsListener(Inbox inbox, EventSerde serde, OrgMemberEvents members) {
        this.inbox = inbox;
        this.serde = serde;
        this.members = members;
    }

    @KafkaListener(topics = Topics.ORG_MEMBERSHIPS)
    void on(ConsumerRecord<String, String> record) {
        inbox.consume("portal-service.memberships", record, this::apply);
    }

    private Mono<Void> apply(EventEnvelope event) {
        Actor actor = Actor.fromEnvelope(event.actor(), Actor.SYSTEM);
        String type = event.type();
        if (EventCatalog.MEMBER_JOINED.name().equals(type)) {
            return members.joined(serde.data(event, EventCatalog.MEMBER_JOINED), actor);
        }
        if (EventCatalog.MEMBER_ROLE_CHANGED.name().equals(type)) {
            return members.roleChanged(serde.data(event, EventCatalog.MEMBER_ROLE_CHANGED), actor);
        }
        if (EventCatalog.MEMBER_REMOVED.name().equals(type)) {
            return members.removed(serde.data(event, EventCatalog.MEMBER_REMOVED), actor);
        }
        if (EventCatalog.MEMBER_DEACTIVATED.name().equals(type)) {
            return members.deactivated(serde.data(event, EventCatalog.MEMBER_DEACTIVATED), actor);
        }
        if (EventCatalog.MEMBER_REACTIVATED.name().equals(type)) {
            return members.reactivated(serde.data(event, EventCatalog.MEMBER_REACTIVATED));
        }
        return Mono.empty();
    }
}
