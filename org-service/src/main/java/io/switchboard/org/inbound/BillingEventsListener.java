package io.switchboard.org.inbound;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.org.organization.PlanService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The billing integration's plan changes ({@code billing.plan.changed}), applied as an operator's would be. */
@Component
class BillingEventsListener {

    private final Inbox inbox;
    private final EventSerde serde;
    private final PlanService plans;

    BillingEventsListener(Inbox inbox, EventSerde serde, PlanService plans) {
        this.inbox = inbox;
        this.serde = serde;
        this.plans = plans;
    }

    @KafkaListener(topics = Topics.BILLING_SUBSCRIPTIONS)
    void on(ConsumerRecord<String, String> record) {
        inbox.consume("org-service.billing", record, event -> EventCatalog.BILLING_PLAN_CHANGED.name().equals(event.type())
                ? plans.apply(serde.data(event, EventCatalog.BILLING_PLAN_CHANGED))
                : Mono.empty());
    }
}
