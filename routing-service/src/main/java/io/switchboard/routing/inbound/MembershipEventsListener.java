package io.switchboard.routing.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.messaging.EventEnvelope;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.routing.onboarding.OnboardingService;
import io.switchboard.routing.orgmember.OrgMembers;
import io.switchboard.routing.work.Dispatcher;
import io.switchboard.routing.work.QueueDrain;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * org.memberships.v1: who is an active member and in which role. A removed or deactivated member's open work,
 * and that of someone demoted to VIEWER (who takes no work), is taken back and routed again at once, keeping its
 * place in the queue; a join, a reactivation or a role change may make someone eligible, so the queues drain.
 * A join that carries a routing setup (from the invitation) sets the member's profile and teams first
 * ({@link OnboardingService}), in the same write; a removal drops their pending team memberships.
 */
@Component
class MembershipEventsListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final OrgWrites writes;
    private final OrgMembers members;
    private final Dispatcher dispatcher;
    private final QueueDrain queues;
    private final OnboardingService onboarding;

    MembershipEventsListener(Inbox inbox, EventSerde serde, OrgWrites writes, OrgMembers members, Dispatcher dispatcher, QueueDrain queues,
                             OnboardingService onboarding) {
        this.inbox = inbox;
        this.serde = serde;
        this.writes = writes;
        this.members = members;
        this.dispatcher = dispatcher;
        this.queues = queues;
        this.onboarding = onboarding;
    }

    @KafkaListener(topics = Topics.ORG_MEMBERSHIPS)
    void on(ConsumerRecord<String, String> record) {
        inbox.consume("routing-service.memberships", record, this::apply);
    }

    private Mono<Void> apply(EventEnvelope event) {
        Actor actor = Actor.fromEnvelope(event.actor(), Actor.SYSTEM);
        String type = event.type();
        if (EventCatalog.MEMBER_JOINED.name().equals(type)) {
            var joined = serde.data(event, EventCatalog.MEMBER_JOINED);
            return write(joined.orgId(), actor, members.joined(joined.orgId(), joined.userId(), joined.role(), joined.displayName())
                    .then(onboarding.joined(joined.orgId(), joined.userId(), joined.portalIds(), joined.routing(), actor.userId()))
                    .flatMap(onboarded -> queues.drainFor(joined.orgId(), joined.userId()).map(onboarded::then)));
        }
        if (EventCatalog.MEMBER_ROLE_CHANGED.name().equals(type)) {
            var changed = serde.data(event, EventCatalog.MEMBER_ROLE_CHANGED);
            boolean viewer = BuiltInRole.byName(changed.role()).filter(r -> r == BuiltInRole.VIEWER).isPresent();
            return write(changed.orgId(), actor, members.roleChanged(changed.orgId(), changed.userId(), changed.role())
                    .then(viewer ? takeBack(changed.orgId(), changed.userId(), "ROLE_CHANGED", actor)
                            : queues.drainFor(changed.orgId(), changed.userId())));
        }
        if (EventCatalog.MEMBER_REMOVED.name().equals(type)) {
            var removed = serde.data(event, EventCatalog.MEMBER_REMOVED);
            return write(removed.orgId(), actor, members.removed(removed.orgId(), removed.userId())
                    .then(onboarding.left(removed.orgId(), removed.userId()))
                    .then(takeBack(removed.orgId(), removed.userId(), "MEMBER_REMOVED", actor))
                    .flatMap(takenBack -> members.forgetRouting(removed.orgId(), removed.userId()).thenReturn(takenBack)));
        }
        if (EventCatalog.MEMBER_DEACTIVATED.name().equals(type)) {
            var deactivated = serde.data(event, EventCatalog.MEMBER_DEACTIVATED);
            return write(deactivated.orgId(), actor, members.status(deactivated.orgId(), deactivated.userId(), OrgMembers.DEACTIVATED)
                    .then(takeBack(deactivated.orgId(), deactivated.userId(), "MEMBER_DEACTIVATED", actor)));
        }
        if (EventCatalog.MEMBER_REACTIVATED.name().equals(type)) {
            var reactivated = serde.data(event, EventCatalog.MEMBER_REACTIVATED);
            return write(reactivated.orgId(), actor, members.status(reactivated.orgId(), reactivated.userId(), OrgMembers.ACTIVE)
                    .then(queues.drainFor(reactivated.orgId(), reactivated.userId())));
        }
        return Mono.empty();
    }

    private Mono<Change<Void>> takeBack(UUID orgId, UUID userId, String reason, Actor actor) {
        return dispatcher.takeBack(orgId, userId, Optional.empty(), reason, actor.userId());
    }

    private Mono<Void> write(UUID orgId, Actor actor, Mono<Change<Void>> step) {
        return writes.write(orgId, actor, () -> step).then();
    }
}
