package io.switchboard.notification.inapp;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.org.OrganizationCreated;
import io.switchboard.events.org.OrganizationUpdated;
import io.switchboard.events.portal.PortalCreated;
import io.switchboard.events.portal.PortalUpdated;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The service's listeners of the topics that concern people (one per topic; identity.sessions.v1 is push's).
 * Each event takes effect once (inbox row and notification in one transaction); events of other types on these
 * topics are passed over.
 */
@Component
class EventListeners {

    static final String ROUTING = "notification-service.inapp.routing-assignments";
    static final String AVAILABILITY = "notification-service.inapp.portal-availability";
    static final String MEMBERSHIPS = "notification-service.inapp.org-memberships";
    static final String ORGANIZATIONS = "notification-service.inapp.org-organizations";
    static final String PORTALS = "notification-service.inapp.portal-portals";

    private final Inbox inbox;
    private final EventSerde serde;
    private final Notifier notifier;
    private final Directory directory;
    private final LiveStreams streams;

    EventListeners(Inbox inbox, EventSerde serde, Notifier notifier, Directory directory, LiveStreams streams) {
        this.inbox = inbox;
        this.serde = serde;
        this.notifier = notifier;
        this.directory = directory;
        this.streams = streams;
    }

    @KafkaListener(topics = Topics.ROUTING_ASSIGNMENTS)
    void routing(ConsumerRecord<String, String> record) {
        inbox.consume(ROUTING, record, event -> {
            String type = event.type();
            if (is(type, EventCatalog.ROUTING_CONVERSATION_ASSIGNED.name())) {
                return notifier.conversationAssigned(event.id(), serde.data(event, EventCatalog.ROUTING_CONVERSATION_ASSIGNED));
            } else if (is(type, EventCatalog.ROUTING_LEAD_ASSIGNED.name())) {
                return notifier.leadAssigned(event.id(), serde.data(event, EventCatalog.ROUTING_LEAD_ASSIGNED));
            } else if (is(type, EventCatalog.ROUTING_CUSTOMER_REPLIED.name())) {
                return notifier.customerReplied(event.id(), serde.data(event, EventCatalog.ROUTING_CUSTOMER_REPLIED));
            }
            // taken back: by the platform (rerouted) or by a manager (unassigned); each decoded as its own type
            for (var takenBack : List.of(EventCatalog.ROUTING_CONVERSATION_REROUTED, EventCatalog.ROUTING_CONVERSATION_UNASSIGNED,
                    EventCatalog.ROUTING_LEAD_REROUTED, EventCatalog.ROUTING_LEAD_UNASSIGNED)) {
                if (is(type, takenBack.name())) {
                    return notifier.takenBack(event.id(), serde.data(event, takenBack));
                }
            }
            return Mono.empty();
        });
    }

    @KafkaListener(topics = Topics.PORTAL_AVAILABILITY)
    void availability(ConsumerRecord<String, String> record) {
        inbox.consume(AVAILABILITY, record, event -> is(event.type(), EventCatalog.AVAILABILITY_CHANGED.name())
                ? notifier.availabilityChanged(event.id(), serde.data(event, EventCatalog.AVAILABILITY_CHANGED))
                : Mono.empty());
    }

    @KafkaListener(topics = Topics.ORG_MEMBERSHIPS)
    void memberships(ConsumerRecord<String, String> record) {
        AtomicReference<UUID[]> gone = new AtomicReference<>();
        AtomicReference<UUID> deletedOrg = new AtomicReference<>();
        inbox.consume(MEMBERSHIPS, record, event -> {
            String type = event.type();
            if (is(type, EventCatalog.MEMBER_JOINED.name())) {
                MemberJoined joined = serde.data(event, EventCatalog.MEMBER_JOINED);
                return directory.person(joined.orgId(), joined.userId(), joined.displayName(), joined.email());
            } else if (is(type, EventCatalog.MEMBER_ROLE_CHANGED.name())) {
                return notifier.roleChanged(event.id(), serde.data(event, EventCatalog.MEMBER_ROLE_CHANGED));
            } else if (is(type, EventCatalog.MEMBER_REMOVED.name())) {
                MemberRemoved removed = serde.data(event, EventCatalog.MEMBER_REMOVED);
                return notifier.memberGone(event.id(), removed.orgId(), removed.userId(), false)
                        .doOnSuccess(done -> gone.set(new UUID[] {removed.orgId(), removed.userId()}));
            } else if (is(type, EventCatalog.MEMBER_DEACTIVATED.name())) {
                MemberDeactivated deactivated = serde.data(event, EventCatalog.MEMBER_DEACTIVATED);
                return notifier.memberGone(event.id(), deactivated.orgId(), deactivated.userId(), true)
                        .doOnSuccess(done -> gone.set(new UUID[] {deactivated.orgId(), deactivated.userId()}));
            } else if (is(type, EventCatalog.ORGANIZATION_DELETED.name())) {
                UUID orgId = serde.data(event, EventCatalog.ORGANIZATION_DELETED).orgId();
                return streams.announceOrgGone(orgId).doOnSuccess(done -> deletedOrg.set(orgId));
            }
            return Mono.empty();
        });
        if (deletedOrg.get() != null) {
            streams.closeOrgLocally(deletedOrg.get());
        }
        // committed: this instance's streams close now (the others' when they hear the announcement)
        UUID[] member = gone.get();
        if (member != null) {
            streams.closeMemberLocally(member[0], member[1]);
        }
    }

    @KafkaListener(topics = Topics.ORG_ORGANIZATIONS)
    void organizations(ConsumerRecord<String, String> record) {
        inbox.consume(ORGANIZATIONS, record, event -> {
            String type = event.type();
            if (is(type, EventCatalog.ORGANIZATION_CREATED.name())) {
                OrganizationCreated created = serde.data(event, EventCatalog.ORGANIZATION_CREATED);
                return directory.org(created.orgId(), created.name());
            } else if (is(type, EventCatalog.ORGANIZATION_UPDATED.name())) {
                OrganizationUpdated updated = serde.data(event, EventCatalog.ORGANIZATION_UPDATED);
                return directory.org(updated.orgId(), updated.name());
            } else if (is(type, EventCatalog.OWNERSHIP_TRANSFER_REQUESTED.name())) {
                return notifier.ownershipOffered(event.id(), serde.data(event, EventCatalog.OWNERSHIP_TRANSFER_REQUESTED));
            }
            return Mono.empty();
        });
    }

    @KafkaListener(topics = Topics.PORTAL_PORTALS)
    void portals(ConsumerRecord<String, String> record) {
        inbox.consume(PORTALS, record, event -> {
            String type = event.type();
            if (is(type, EventCatalog.PORTAL_CREATED.name())) {
                PortalCreated created = serde.data(event, EventCatalog.PORTAL_CREATED);
                return directory.portal(created.orgId(), created.portalId(), created.name());
            } else if (is(type, EventCatalog.PORTAL_UPDATED.name())) {
                PortalUpdated updated = serde.data(event, EventCatalog.PORTAL_UPDATED);
                return directory.portal(updated.orgId(), updated.portalId(), updated.name());
            }
            return Mono.empty();
        });
    }

    private static boolean is(String type, String name) {
        return name.equals(type);
    }
}
