package io.switchboard.org.organization;

import io.switchboard.events.billing.BillingPlanChanged;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Plan and seat changes: only an operator (realm role {@code operator}) or the billing integration
 * ({@code billing.plan.changed}) makes them. Audited, published as {@code org.organization.updated};
 * the same plan and seats again change nothing. Lowering the seats below those taken ends nobody's
 * membership: new invitations wait until seats free up.
 */
@Service
public class PlanService {

    private final Organizations organizations;
    private final OrgWrites writes;

    PlanService(Organizations organizations, OrgWrites writes) {
        this.organizations = organizations;
        this.writes = writes;
    }

    Mono<OrganizationView> change(UUID orgId, Plan plan, Integer seats, Actor operator) {
        return apply(orgId, plan, seats, operator)
                .flatMap(org -> writes.seatsTaken(orgId).map(taken -> OrganizationView.full(org, taken)));
    }

    /** From the billing integration: the plan's name must be one of ours, else the record is refused. */
    public Mono<Void> apply(BillingPlanChanged changed) {
        Plan plan;
        try {
            plan = Plan.valueOf(changed.plan());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return Mono.error(new IllegalArgumentException("billing.plan.changed names no known plan"));
        }
        if (changed.seats() != null && (changed.seats() < 1 || changed.seats() > Plan.MAX_SEATS)) {
            return Mono.error(new IllegalArgumentException("billing.plan.changed carries seats out of range"));
        }
        return apply(changed.orgId(), plan, changed.seats(), Actor.BILLING).then();
    }

    private Mono<Organization> apply(UUID orgId, Plan plan, Integer seats, Actor actor) {
        return writes.as(orgId, actor, org -> {
            Change<Organization> change = org.changePlan(plan, seats);
            return change.events().isEmpty() ? Mono.just(change) : organizations.save(change.result()).thenReturn(change);
        });
    }

}
