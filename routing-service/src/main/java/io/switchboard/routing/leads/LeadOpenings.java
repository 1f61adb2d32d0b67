package io.switchboard.routing.leads;

import io.switchboard.messaging.change.Change;
import io.switchboard.routing.leadstatus.LeadStatuses;
import io.switchboard.routing.work.Dispatcher;
import io.switchboard.routing.work.Openings;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Opens a checked lead, the same for HTTP and leads.inbound.v1 (inside the organization's write): the work item
 * with the organization's first status, routed at once by {@link Openings}, and its contact; idempotent by
 * externalId (a known one changes nothing).
 */
@Component
class LeadOpenings {

    private final Openings openings;
    private final LeadContacts contacts;
    private final LeadStatuses statuses;

    LeadOpenings(Openings openings, LeadContacts contacts, LeadStatuses statuses) {
        this.openings = openings;
        this.contacts = contacts;
        this.statuses = statuses;
    }

    Mono<Change<Dispatcher.Opened>> open(NewLead lead) {
        return statuses.current(lead.orgId())
                .flatMap(list -> openings.open(lead.work(list.first().id())))
                .flatMap(change -> change.result().isNew()
                        ? contacts.insert(lead.orgId(), change.result().item().id(), lead.contact()).thenReturn(change)
                        : Mono.just(change));
    }
}
