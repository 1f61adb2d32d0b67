package io.switchboard.org.audit;

import io.switchboard.events.Topics;
import io.switchboard.events.audit.AuditRecorded;
import io.switchboard.messaging.RejectedRecordException;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.AuditEntry;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The organization's one audit log takes in the entries other services record about their changes (portal-service's
 * portals, portal members and availability, from {@code portal.audit.v1}; routing-service's routing profiles, teams,
 * clients and conversations, from {@code routing.audit.v1}), as they were recorded: actor, action,
 * target, before/after and time. Appended only, like every entry. An entry for an organization this service does
 * not know is dropped with a log line (sending it to the dead-letter topic would not make the organization appear).
 */
@Service
public class AuditStream {

    private static final Logger log = LoggerFactory.getLogger(AuditStream.class);

    private final AuditLog audit;

    AuditStream(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * Actions each source may record: its own features' names, so that a mistaken or compromised service cannot
     * write lines that read as another's (a {@code member.removed} from portal-service, say).
     */
    private static final Map<String, List<String>> ACTION_PREFIXES = Map.of(
            Topics.PORTAL_SERVICE, List.of("portal.", "availability."),
            Topics.ROUTING_SERVICE, List.of("routing.", "team.", "client.", "conversation."));

    /** {@code source}: the service that recorded it (its envelope's source, checked against the topic's owner). */
    public Mono<Void> append(AuditRecorded recorded, String source) {
        List<String> allowed = ACTION_PREFIXES.getOrDefault(source, List.of());
        if (recorded.action() == null || allowed.stream().noneMatch(recorded.action()::startsWith)) {
            return Mono.error(new RejectedRecordException("audit action " + recorded.action() + " is not one " + source + " may record"));
        }
        Actor actor = recorded.actorId() != null ? Actor.user(recorded.actorId()) : Actor.SYSTEM;
        AuditEntry entry = new AuditEntry(recorded.action(), recorded.target(), recorded.before(), recorded.after());
        return audit.appendIfOrganizationKnown(recorded.orgId(), actor, entry, recorded.at())
                .doOnNext(appended -> {
                    if (!appended) {
                        log.warn("audit entry {} from {} names organization {}, unknown here: not appended", recorded.action(), source,
                                recorded.orgId());
                    }
                })
                .then();
    }
}
