package io.switchboard.identity.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.org.OrganizationUpdated;
import io.switchboard.identity.invitation.LostRightsRevocations;
import io.switchboard.identity.organization.Organizations;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * org.organizations.v1 → {@link Organizations}: each org's name (invitation mails, the public look-up of a token)
 * and whether its MANAGERs may invite MANAGERs (created: off; updated: as the event says). When an update says
 * off, pending MANAGER invitations sent by MANAGERs no longer stand ({@link LostRightsRevocations}). Once per
 * event (inbox); the org's events arrive in order (key = orgId).
 */
@Component
class OrganizationEventsListener {

    /** Inbox consumer name (unchanged since this listener only kept names). */
    static final String CONSUMER = "identity-service.organizations";

    private final Inbox inbox;
    private final EventSerde serde;
    private final Organizations organizations;
    private final LostRightsRevocations revocations;

    OrganizationEventsListener(Inbox inbox, EventSerde serde, Organizations organizations, LostRightsRevocations revocations) {
        this.inbox = inbox;
        this.serde = serde;
        this.organizations = organizations;
        this.revocations = revocations;
    }

    @KafkaListener(topics = Topics.ORG_ORGANIZATIONS)
    void on(ConsumerRecord<String, String> record) {
        inbox.consume(CONSUMER, record, this::apply);
    }

    private Mono<Void> apply(EventEnvelope event) {
        if (event.type().equals(EventCatalog.ORGANIZATION_CREATED.name())) {
            var created = serde.data(event, EventCatalog.ORGANIZATION_CREATED);
            return organizations.created(created.orgId(), created.name());
        }
        if (event.type().equals(EventCatalog.ORGANIZATION_UPDATED.name())) {
            OrganizationUpdated updated = updated(serde, event);
            Mono<Void> stored = organizations.updated(updated.orgId(), updated.name(), updated.managersMayInviteManagers());
            return updated.managersMayInviteManagers() ? stored
                    : stored.then(revocations.managersMayNoLongerInviteManagers(updated.orgId(), event.time()));
        }
        return Mono.empty();
    }

    /**
     * The update's data. An update from an org-service that predates the setting has no
     * {@code managersMayInviteManagers}: the event serde reads it as false, which means off.
     */
    static OrganizationUpdated updated(EventSerde serde, EventEnvelope event) {
        return serde.data(event, EventCatalog.ORGANIZATION_UPDATED);
    }
}
