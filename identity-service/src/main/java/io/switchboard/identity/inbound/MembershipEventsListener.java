package io.switchboard.identity.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.access.Permission;
import io.switchboard.identity.invitation.LostRightsRevocations;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * org.memberships.v1 → {@link LostRightsRevocations}: a member removed, deactivated, given another role, or a
 * custom role redefined may leave pending invitations their inviter can no longer give. Once per event (inbox).
 */
@Component
public class MembershipEventsListener {

    /** Inbox consumer name, and the listener's id (its group stays the service's). */
    public static final String CONSUMER = "identity-service.inviter-rights";

    private final Inbox inbox;
    private final EventSerde serde;
    private final LostRightsRevocations revocations;

    MembershipEventsListener(Inbox inbox, EventSerde serde, LostRightsRevocations revocations) {
        this.inbox = inbox;
        this.serde = serde;
        this.revocations = revocations;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.ORG_MEMBERSHIPS)
    void on(ConsumerRecord<String, String> record) {
        inbox.consume(CONSUMER, record, this::apply);
    }

    private Mono<Void> apply(EventEnvelope event) {
        String type = event.type();
        if (type.equals(EventCatalog.MEMBER_REMOVED.name())) {
            var removed = serde.data(event, EventCatalog.MEMBER_REMOVED);
            return revocations.inviterLeft(removed.orgId(), removed.userId(), event.time());
        }
        if (type.equals(EventCatalog.MEMBER_DEACTIVATED.name())) {
            var deactivated = serde.data(event, EventCatalog.MEMBER_DEACTIVATED);
            return revocations.inviterLeft(deactivated.orgId(), deactivated.userId(), event.time());
        }
        if (type.equals(EventCatalog.MEMBER_ROLE_CHANGED.name())) {
            var changed = serde.data(event, EventCatalog.MEMBER_ROLE_CHANGED);
            return revocations.inviterRoleChanged(changed.orgId(), changed.userId(), changed.role(), event.time());
        }
        if (type.equals(EventCatalog.ROLE_DEFINED.name())) {
            var defined = serde.data(event, EventCatalog.ROLE_DEFINED);
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            defined.permissions().forEach(key -> Permission.byKey(key).ifPresent(permissions::add));
            return revocations.roleRedefined(defined.orgId(), "custom:" + defined.roleId(), permissions, event.time());
        }
        return Mono.empty();
    }
}
