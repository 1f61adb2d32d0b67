package io.switchboard.routing.leads;

import io.switchboard.events.lead.LeadReceived;
import io.switchboard.messaging.change.Actor;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.change.OrgWrites;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * lead.received (leads.inbound.v1) applied through the same checks and write path as the API: refused (a 400
 * problem, which the listener turns into a dead-letter with its reason) when it lacks orgId, names an unknown
 * portal, team or client, has oversize fields or no contact; idempotent by externalId.
 */
@Component
public class InboundLeads {

    private final OrgWrites writes;
    private final LeadOpenings openings;
    private final Clock clock;

    InboundLeads(OrgWrites writes, LeadOpenings openings, Clock clock) {
        this.writes = writes;
        this.openings = openings;
        this.clock = clock;
    }

    public Mono<Void> received(LeadReceived received) {
        if (received.orgId() == null) {
            return Mono.error(RoutingProblems.invalid("orgId", "is required"));
        }
        return Mono.fromCallable(() -> NewLead.checked(received.orgId(), received.externalId(), received.portalId(), received.teamId(),
                        received.clientId(), received.source(), received.contactName(), received.contactEmail(), received.contactPhone(),
                        received.company(), received.message(), received.receivedAt() != null ? received.receivedAt() : clock.instant()))
                .flatMap(lead -> writes.write(lead.orgId(), Actor.SYSTEM, () -> openings.open(lead)))
                .then();
    }
}
