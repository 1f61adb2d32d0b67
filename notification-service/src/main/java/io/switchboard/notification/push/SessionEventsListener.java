package io.switchboard.notification.push;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.identity.SessionEnded;
import io.switchboard.messaging.EventSerde;
import io.switchboard.messaging.Inbox;
import io.switchboard.notification.inapp.LiveStreams;
import io.switchboard.notification.session.EndedSessions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * identity.sessions.v1 (keyed by userId, the one topic keyed by a person): {@code identity.session.ended} deletes
 * that session's push subscriptions, and those of the device it names (pending deliveries go with them), in the
 * same transaction as the inbox row, remembers the session as ended ({@link EndedSessions}), then closes the session's live streams (in-app). The person's other sessions
 * and devices keep theirs.
 */
@Component
class SessionEventsListener {

    static final String CONSUMER = "notification-service.sessions";
    private static final Logger log = LoggerFactory.getLogger(SessionEventsListener.class);

    private final Inbox inbox;
    private final EventSerde serde;
    private final PushSubscriptions subscriptions;
    private final LiveStreams liveStreams;
    private final EndedSessions endedSessions;

    SessionEventsListener(Inbox inbox, EventSerde serde, PushSubscriptions subscriptions, LiveStreams liveStreams,
                          EndedSessions endedSessions) {
        this.endedSessions = endedSessions;
        this.inbox = inbox;
        this.serde = serde;
        this.subscriptions = subscriptions;
        this.liveStreams = liveStreams;
    }

    @KafkaListener(topics = Topics.IDENTITY_SESSIONS)
    void on(ConsumerRecord<String, String> record) {
        List<String> ended = new ArrayList<>(1);
        inbox.consume(CONSUMER, record, event -> {
            if (!EventCatalog.SESSION_ENDED.name().equals(event.type())) {
                return Mono.empty();
            }
            SessionEnded data = serde.data(event, EventCatalog.SESSION_ENDED);
            if (data.userId() == null || !data.userId().toString().equals(event.subject()) || data.sessionHash() == null
                    || data.sessionHash().isBlank()) {
                // the key and subject were checked against each other; the data must name the same person
                log.warn("identity.session.ended {} ignored: its data does not name its subject or has no session", event.id());
                return Mono.empty();
            }
            UUID userId = data.userId();
            // the session's lock first (a subscription of it in flight commits before, or sees it ended), then it is
            // remembered as ended (any later request with its token is refused) and its subscriptions go
            return endedSessions.lock(data.sessionHash())
                    .then(endedSessions.remember(data.sessionHash(), userId, data.endedAt() != null ? data.endedAt() : Instant.now()))
                    .then(subscriptions.deleteForSession(userId, data.sessionHash(), data.deviceId()))
                    .doOnNext(deleted -> {
                        ended.add(data.sessionHash());
                        log.info("session of {} ended (device {}): {} push subscription(s) deleted", userId,
                                LogText.safe(data.deviceId()), deleted);
                    })
                    .then();
        });
        // after the commit (Inbox.consume returns then): the subscriptions are gone; the session's streams close on
        // every instance (LiveStreams announces it to the others)
        ended.forEach(liveStreams::closeSession);
    }
}
