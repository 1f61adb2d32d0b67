package io.switchboard.portal.portals;

import io.switchboard.membership.MembershipProjection;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who is calling, from the platform's membership projection (org.membership-state.v1): an active member of the
 * organization with their role and permissions, or 404 (the organization's existence is not revealed).
 * A brand-new organization or member is waited for briefly, its event may still be on its way.
 */
@Component
class Callers {

    private static final Duration MEMBERSHIP_GRACE = Duration.ofMillis(1500);

    private final MembershipProjection memberships;

    Callers(MembershipProjection memberships) {
        this.memberships = memberships;
    }

    Mono<OrgCaller> member(UUID orgId, Caller caller) {
        return memberships.awaitMembership(orgId, caller.userId(), MEMBERSHIP_GRACE)
                .filter(MembershipProjection.Membership::isActive)
                .map(m -> new OrgCaller(orgId, caller.userId(), m.role(), memberships.permissions(orgId, caller.userId())))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)));
    }
}
