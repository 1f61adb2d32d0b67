package io.switchboard.org.organization;

import io.switchboard.messaging.change.Actor;
import io.switchboard.org.access.RealmRoles;
import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Switchboard staff: {@code PUT /api/operator/orgs/{orgId}/plan} {plan, seats?} for tokens with the realm role
 * {@code operator}; everyone else, whatever their org roles, gets 403. The gateway routes /api/operator/**
 * here with a valid token but without an org-membership check: operators are not members.
 */
@RestController
class OperatorController {

    private final PlanService plans;

    OperatorController(PlanService plans) {
        this.plans = plans;
    }

    @PutMapping("/api/operator/orgs/{orgId}/plan")
    Mono<OrganizationView> changePlan(@PathVariable UUID orgId, @Valid @RequestBody Mono<PlanChangeRequest> request,
                                      @AuthenticationPrincipal Jwt token) {
        // the realm role first: nobody else learns anything from the body's validation
        RealmRoles.require(token, RealmRoles.OPERATOR);
        return request.flatMap(valid -> plans.change(orgId, valid.plan(), valid.seats(), Actor.user(Caller.from(token).userId())));
    }
}
