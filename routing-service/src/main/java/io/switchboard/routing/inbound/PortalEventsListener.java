package io.switchboard.routing.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.access.PortalRole;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.routing.onboarding.OnboardingService;
import io.switchboard.routing.portals.Portals;
import io.switchboard.routing.work.Dispatcher;
import io.switchboard.routing.work.QueueDrain;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * portal.portals.v1 and portal.availability.v1: portals, who is in them, who is available. Someone joining a
 * portal or becoming available may take queued work (drain); someone leaving a portal (and so its teams) gives
 * back their open work there, routed again; going away keeps existing work. An archived portal's
 * open work moves to the default portal. Someone joining a portal first takes up the team memberships their
 * invitation gave them in its teams ({@link OnboardingService#joinedPortal}), in the same write.
 */
@Component
class PortalEventsListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final OrgWrites writes;
    private final Portals portals;
    private final Dispatcher dispatcher;
    private final QueueDrain queues;
    private final OnboardingService onboarding;

    PortalEventsListener(Inbox inbox, EventSerde serde, OrgWrites writes, Portals portals, Dispatcher dispatcher, QueueDrain queues, OnboardingService onboarding) {
        this.inbox = inbox;
        this.serde = serde;
        this.writes = writes;
        this.portals = portals;
        this.dispatcher = dispatcher;
        this.queues = queues;
        this.onboarding = onboarding;
    }

    @KafkaListener(topics = Topics.PORTAL_PORTALS)
    void onPortal(ConsumerRecord<String, String> record) {
        inbox.consume("routing-service.portals", record, this::portal);
    }

    @KafkaListener(topics = Topics.PORTAL_AVAILABILITY)
    void onAvailability(ConsumerRecord<String, String> record) {
        inbox.consume("routing-service.availability", record, this::availability);
    }

    private Mono<Void> portal(EventEnvelope event) {
        Actor actor = Actor.fromEnvelope(event.actor(), Actor.SYSTEM);
        String type = event.type();
        if (EventCatalog.PORTAL_CREATED.name().equals(type)) {
            var created = serde.data(event, EventCatalog.PORTAL_CREATED);
            return write(created.orgId(), actor, portals.created(created.orgId(), created.portalId(), created.isDefault()).thenReturn(Change.none(null)));
        }
        if (EventCatalog.PORTAL_ARCHIVED.name().equals(type)) {
            var archived = serde.data(event, EventCatalog.PORTAL_ARCHIVED);
            return write(archived.orgId(), actor, portals.archived(archived.orgId(), archived.portalId(), event.time())
                    .then(dispatcher.moveToDefaultPortal(archived.orgId(), archived.portalId(), archived.defaultPortalId())));
        }
        if (EventCatalog.PORTAL_MEMBER_ADDED.name().equals(type)) {
            var added = serde.data(event, EventCatalog.PORTAL_MEMBER_ADDED);
            return write(added.orgId(), actor, portals.memberAdded(added.orgId(), added.portalId(), added.userId(), PortalRole.valueOf(added.portalRole()))
                    .then(onboarding.joinedPortal(added.orgId(), added.portalId(), added.userId()))
                    .flatMap(teamed -> queues.drainFor(added.orgId(), added.userId()).map(teamed::then)));
        }
        if (EventCatalog.PORTAL_MEMBER_ROLE_CHANGED.name().equals(type)) {
            var changed = serde.data(event, EventCatalog.PORTAL_MEMBER_ROLE_CHANGED);
            return write(changed.orgId(), actor, portals.memberRoleChanged(changed.portalId(), changed.userId(), PortalRole.valueOf(changed.portalRole()))
                    .thenReturn(Change.none(null)));
        }
        if (EventCatalog.PORTAL_MEMBER_REMOVED.name().equals(type)) {
            var removed = serde.data(event, EventCatalog.PORTAL_MEMBER_REMOVED);
            return write(removed.orgId(), actor, portals.memberRemoved(removed.portalId(), removed.userId())
                    .then(dispatcher.takeBack(removed.orgId(), removed.userId(), Optional.of(removed.portalId()), "LEFT_PORTAL", actor.userId())));
        }
        return Mono.empty();
    }

    private Mono<Void> availability(EventEnvelope event) {
        var changed = serde.data(event, EventCatalog.AVAILABILITY_CHANGED);
        Actor actor = Actor.fromEnvelope(event.actor(), Actor.SYSTEM);
        return write(changed.orgId(), actor, portals.availability(changed.orgId(), changed.portalId(), changed.userId(), changed.available(),
                        changed.changedAt() != null ? changed.changedAt() : event.time())
                .flatMap(changedNow -> changedNow && changed.available() ? queues.drainFor(changed.orgId(), changed.userId()) : Mono.just(Change.<Void>none(null))));
    }

    private Mono<Void> write(UUID orgId, Actor actor, Mono<Change<Void>> step) {
        return writes.write(orgId, actor, () -> step).then();
    }
}
