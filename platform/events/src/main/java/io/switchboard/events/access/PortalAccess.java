package io.switchboard.events.access;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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

    /**
     * Whether a portal manager who is no OWNER or ADMIN may bring this person into their portal: an AGENT or
     * VIEWER nobody else has, that is in no portal but the organization's default one (where everyone invited
     * without portals lands) or only in portals this manager manages. Bringing in someone who works in another
     * portal is an admin's call, else a manager could pull anyone into their reach.
     *
     * @param targetPortals      the portals the person is in now
     * @param portalsTheyManage  the portals where the manager is portal MANAGER
     * @param defaultPortal      the organization's default portal
     */
    public static boolean managerMayBringIn(String targetOrgRole, Set<UUID> targetPortals, Set<UUID> portalsTheyManage, UUID defaultPortal) {
        boolean agentOrViewer = BuiltInRole.byName(targetOrgRole).filter(r -> r == BuiltInRole.AGENT || r == BuiltInRole.VIEWER).isPresent();
        return agentOrViewer && targetPortals.stream().allMatch(p -> p.equals(defaultPortal) || portalsTheyManage.contains(p));
    }

    /** Where an invited person joins: {@code portalIds}, each as {@code portalRole} (null: as their org role implies). */
    public record Placement(List<UUID> portalIds, PortalRole portalRole) {
    }

    /**
     * Where someone invited by a person holding {@code inviterRole} joins. An OWNER's or ADMIN's (or a custom
     * role's) invitee joins the portals named. A MANAGER's invitee joins only portals the MANAGER manages
     * (the named ones among them; all of them when none of the named is), always as EMPLOYEE: a MANAGER
     * brings people into their own portals and never makes a portal MANAGER, even with the org setting that
     * lets them invite MANAGERs.
     *
     * @param named              the portals the invitation named
     * @param inviterManages     the portals where the inviter is portal MANAGER
     */
    public static Placement placeInvitee(String inviterRole, List<UUID> named, Set<UUID> inviterManages) {
        if (BuiltInRole.byName(inviterRole).filter(r -> r == BuiltInRole.MANAGER).isEmpty()) {
            return new Placement(named, null);
        }
        List<UUID> theirs = named.stream().filter(inviterManages::contains).toList();
        return new Placement(theirs.isEmpty() ? inviterManages.stream().sorted().toList() : theirs, PortalRole.EMPLOYEE);
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
