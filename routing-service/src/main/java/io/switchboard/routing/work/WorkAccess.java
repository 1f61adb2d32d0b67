package io.switchboard.routing.work;

import io.switchboard.events.access.PortalAccess;
import io.switchboard.routing.access.OrgCaller;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.portals.Portals;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Who sees and changes which work: the portal access rule, with each kind's own read and assign permissions. */
@Component
public class WorkAccess {

    private static final PortalAccess NO_ACCESS = new PortalAccess(PortalAccess.Work.NONE, false, false, false, false, false, false);

    private final Portals portals;

    WorkAccess(Portals portals) {
        this.portals = portals;
    }

    /** What the caller may do in the portal; nothing at all for a portal that is not this organization's. */
    public Mono<PortalAccess> in(OrgCaller me, UUID portalId) {
        return portals.find(me.orgId(), portalId)
                .flatMap(portal -> portals.membership(portalId, me.userId()).map(me::in))
                .defaultIfEmpty(NO_ACCESS);
    }

    /** Whether the caller sees the item: its kind's read permission, and the whole portal or their own work in it. */
    public static boolean sees(OrgCaller me, PortalAccess access, WorkItem item) {
        return me.holds(item.kind().read) && (access.work() == PortalAccess.Work.ALL
                || (access.work() == PortalAccess.Work.OWN && me.userId().equals(item.assigneeId())));
    }

    /** Assigning and unassigning by hand: the whole portal in view, the right to change work there, and the kind's assign permission. */
    public static void requireAssigner(OrgCaller me, PortalAccess access, Kind kind) {
        if (access.work() != PortalAccess.Work.ALL || !access.changesWork() || !(me.isAdmin() || me.holds(kind.assign))) {
            throw RoutingProblems.forbidden("you may not assign " + kind.noun + "s in this portal");
        }
    }
}
