package io.switchboard.org.audit;

import io.switchboard.events.audit.AuditRecorded;
import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.org.change.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The organization's one audit log takes in the entries other services record about their changes (portal-service's
 * portals, portal members and availability, from {@code portal.audit.v1}), as they were recorded: actor, action,
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

    /** {@code source}: the service that recorded it, for the log line. */
    public Mono<Void> append(AuditRecorded recorded, String source) {
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
