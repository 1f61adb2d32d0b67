package io.switchboard.notification.email;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Requested mails become PENDING rows of the delivery log, once per request id: the inbox drops a redelivered
 * envelope, and {@code on conflict do nothing} a second envelope carrying the same request. Sending happens in
 * {@link EmailDeliveryLoop}, never on the consumer thread, so an SMTP outage does not hold up the topic.
 */
@Component
class EmailRequestsListener {

    static final String CONSUMER = "notification-service.email-requests";
    private static final Logger log = LoggerFactory.getLogger(EmailRequestsListener.class);

    private final Inbox inbox;
    private final EventSerde serde;
    private final EmailDeliveries deliveries;
    private final EmailDeliveryLoop loop;

    EmailRequestsListener(Inbox inbox, EventSerde serde, EmailDeliveries deliveries, EmailDeliveryLoop loop) {
        this.inbox = inbox;
        this.serde = serde;
        this.deliveries = deliveries;
        this.loop = loop;
    }

    @KafkaListener(topics = Topics.NOTIFICATION_EMAIL_REQUESTS)
    void on(ConsumerRecord<String, String> record) {
        inbox.consume(CONSUMER, record, event -> {
            if (!EventCatalog.EMAIL_REQUESTED.name().equals(event.type())) {
                return Mono.empty();
            }
            OutgoingMail mail = OutgoingMail.of(serde.data(event, EventCatalog.EMAIL_REQUESTED));
            return deliveries.enqueue(event.id(), mail)
                    .doOnNext(inserted -> {
                        if (inserted) {
                            log.info("email {} ({}) to @{} queued", mail.requestId(), mail.kind(), mail.recipientDomain());
                        } else {
                            log.info("email {} ({}) requested again by event {}: already in the delivery log, ignored",
                                    mail.requestId(), mail.kind(), event.id());
                        }
                    })
                    .then();
        });
        // Inbox.consume returns after the row's transaction committed: the loop can see it now
        loop.wake();
    }
}
