package io.switchboard.org.portal;

import io.switchboard.events.access.PortalRole;
import io.switchboard.events.portal.PortalArchived;
import io.switchboard.events.portal.PortalMemberAdded;
import io.switchboard.events.portal.PortalMemberRemoved;
import io.switchboard.events.portal.PortalMemberRoleChanged;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Applies portal-service's portal membership events to the projection. Each step sets the state the event
 * describes (an upsert or a delete), so applying one twice changes nothing; the inbox makes sure it is once.
 */
@Service
public class PortalMembershipProjection {

    private final PortalMemberships memberships;

    PortalMembershipProjection(PortalMemberships memberships) {
        this.memberships = memberships;
    }

    public Mono<Void> added(PortalMemberAdded added) {
        return memberships.put(added.orgId(), added.portalId(), added.userId(), portalRole(added.portalRole()));
    }

    public Mono<Void> roleChanged(PortalMemberRoleChanged changed) {
        return memberships.put(changed.orgId(), changed.portalId(), changed.userId(), portalRole(changed.portalRole()));
    }

    public Mono<Void> removed(PortalMemberRemoved removed) {
        return memberships.remove(removed.orgId(), removed.portalId(), removed.userId());
    }

    /** An archived portal's members have left it (portal-service also says so per member; this needs no order). */
    public Mono<Void> archived(PortalArchived archived) {
        return memberships.removePortal(archived.orgId(), archived.portalId());
    }

    /** A portal role this service does not know is a malformed event: refused (dead-letter topic), never guessed. */
    private static PortalRole portalRole(String name) {
        return PortalRole.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown portal role " + name));
    }
}
