package io.switchboard.events.access;

import java.util.Optional;
import java.util.Set;

/**
 * What someone may see and do in one portal, from their org role, that role's permissions and their role in
 * the portal (empty when they are not in it). The one rule every service applies, each with its own
 * projection of memberships and portal memberships:
 * <ul>
 *   <li>OWNER and ADMIN: everything in every portal, member or not; only they create, rename and archive
 *       portals and make someone a portal MANAGER.</li>
 *   <li>VIEWER: reads all work of every portal, changes nothing (not even availability).</li>
 *   <li>Portal MANAGER: all work of the portal and its team stats; adds and removes EMPLOYEEs when their
 *       role holds members:manage; sets members' availability when it holds availability:manage.</li>
 *   <li>Portal EMPLOYEE: the work assigned to them; their own availability.</li>
 *   <li>A custom role holding availability:manage sets availability in every portal (a scheduler); other
 *       custom-role members follow their portal role, as above.</li>
 * </ul>
 * Work permissions (conversations:reply, leads:write, ...) are still checked by the service for each action.
 */
public record PortalAccess(Work work, boolean changesWork, boolean managesEmployees, boolean managesAllMembers,
                           boolean setsOthersAvailability, boolean setsOwnAvailability, boolean readsTeamStats) {

    /** Which conversations and leads of the portal someone sees. */
    public enum Work { NONE, OWN, ALL }

    private static final PortalAccess NOTHING = new PortalAccess(Work.NONE, false, false, false, false, false, false);

    public static PortalAccess of(String orgRole, Set<Permission> permissions, Optional<PortalRole> portalRole) {
        BuiltInRole builtIn = BuiltInRole.byName(orgRole).orElse(null);
        if (orgRole == null || (builtIn == null && !orgRole.startsWith("custom:"))) {
            return NOTHING;
        }
        if (administersPortals(orgRole)) {
            return new PortalAccess(Work.ALL, true, true, true, true, portalRole.isPresent(), true);
        }
        if (builtIn == BuiltInRole.VIEWER) {
            return new PortalAccess(Work.ALL, false, false, false, false, false, false);
        }
        boolean scheduler = builtIn == null && permissions.contains(Permission.AVAILABILITY_MANAGE);
        if (portalRole.isEmpty()) {
            return new PortalAccess(Work.NONE, false, false, false, scheduler, false, false);
        }
        if (portalRole.get() == PortalRole.MANAGER) {
            return new PortalAccess(Work.ALL, true, permissions.contains(Permission.MEMBERS_MANAGE), false,
                    permissions.contains(Permission.AVAILABILITY_MANAGE), true, true);
        }
        return new PortalAccess(Work.OWN, true, false, false, scheduler, true, false);
    }

    /** Only OWNER and ADMIN create, rename and archive portals, whatever a role's portals:manage says. */
    public static boolean administersPortals(String orgRole) {
        return BuiltInRole.byName(orgRole).filter(r -> r == BuiltInRole.OWNER || r == BuiltInRole.ADMIN).isPresent();
    }

    /** Whether the portal shows up for them at all (listing, members, availability log). */
    public boolean seesPortal() {
        return work != Work.NONE || setsOthersAvailability;
    }

    /** Whether they may set this person's availability in the portal ({@code self}: it is their own). */
    public boolean setsAvailability(boolean self) {
        return self ? setsOwnAvailability || setsOthersAvailability : setsOthersAvailability;
    }

    /** Whether they may give someone this portal role, or take a member holding it out of the portal. */
    public boolean managesMemberWith(PortalRole role) {
        return managesAllMembers || (managesEmployees && role == PortalRole.EMPLOYEE);
    }
}
