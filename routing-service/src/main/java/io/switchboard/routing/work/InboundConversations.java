package io.switchboard.routing.work;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.conversation.ConversationEnded;
import io.switchboard.events.conversation.ConversationOpened;
import io.switchboard.events.conversation.CustomerReplied;
import io.switchboard.events.routing.CustomerRepliedToAssignee;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.change.OrgWrites;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What the channel integrations report (conversations.inbound.v1), applied through the same write path as the API. */
@Component
public class InboundConversations {

    private static final int PREVIEW = 200;

    private final OrgWrites writes;
    private final Openings openings;
    private final Dispatcher dispatcher;
    private final WorkItems items;
    private final Clock clock;

    InboundConversations(OrgWrites writes, Openings openings, Dispatcher dispatcher, WorkItems items, Clock clock) {
        this.writes = writes;
        this.openings = openings;
        this.dispatcher = dispatcher;
        this.items = items;
        this.clock = clock;
    }

    public Mono<Void> opened(ConversationOpened opened) {
        if (opened.orgId() == null || opened.portalId() == null || opened.clientId() == null) {
            return Mono.error(RoutingProblems.invalid(opened.portalId() == null ? "portalId" : opened.clientId() == null ? "clientId" : "orgId", "is required"));
        }
        var work = new Dispatcher.NewWork(opened.orgId(), Kind.CONVERSATION, opened.externalId(), opened.portalId(), opened.teamId(),
                opened.clientId(), opened.channel(), clip(opened.customerName(), 200), clip(opened.subject(), 500),
                opened.openedAt() != null ? opened.openedAt() : clock.instant());
        return writes.write(opened.orgId(), Actor.SYSTEM, () -> openings.open(work)).then();
    }

    public Mono<Void> replied(CustomerReplied replied) {
        return writes.write(replied.orgId(), Actor.SYSTEM, () -> known(replied.orgId(), replied.externalId())
                .flatMap(item -> items.replied(item.id(), replied.repliedAt() != null ? replied.repliedAt() : clock.instant())
                        .thenReturn(Change.<Void>none(null).and(PendingEvent.of(EventCatalog.ROUTING_CUSTOMER_REPLIED,
                                new CustomerRepliedToAssignee(item.orgId(), item.id(), item.externalId(), item.portalId(), item.channel(),
                                        item.assigneeId(), clip(replied.preview(), PREVIEW), replied.repliedAt() != null ? replied.repliedAt() : clock.instant())))))).then();
    }

    public Mono<Void> ended(ConversationEnded ended) {
        return writes.write(ended.orgId(), Actor.SYSTEM, () -> items.lockByExternalId(ended.orgId(), Kind.CONVERSATION, externalIdOf(ended.externalId()))
                .switchIfEmpty(Mono.error(() -> unknownExternalId()))
                .flatMap(locked -> dispatcher.close(locked, null))).then();
    }

    private Mono<WorkItem> known(java.util.UUID orgId, String externalId) {
        return items.findByExternalId(orgId, Kind.CONVERSATION, externalIdOf(externalId)).switchIfEmpty(Mono.error(() -> unknownExternalId()));
    }

    private static String externalIdOf(String externalId) {
        return externalId == null ? "" : externalId;
    }

    private static RuntimeException unknownExternalId() {
        return RoutingProblems.invalid("externalId", "names no conversation of this organization");
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
