package io.switchboard.events.access;

import java.util.Arrays;
import java.util.Optional;

/** A member's role in one portal. Not an org role: an AGENT is usually a portal EMPLOYEE, a MANAGER a portal MANAGER. */
public enum PortalRole {
    EMPLOYEE,
    MANAGER;

    public static Optional<PortalRole> byName(String name) {
        return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
    }

    /** The portal role someone joins with through an invitation: MANAGER for an org MANAGER, else EMPLOYEE. */
    public static PortalRole onJoining(String orgRole) {
        return BuiltInRole.byName(orgRole).filter(r -> r == BuiltInRole.MANAGER).isPresent() ? MANAGER : EMPLOYEE;
    }

    /**
     * Whether a member whose invitation named no portal joins the organization's default portal: AGENT,
     * MANAGER and custom-role members do (a small team never has to think about portals); OWNER and ADMIN see
     * every portal anyway, VIEWERs read without taking work.
     */
    public static boolean joinsDefaultPortal(String orgRole) {
        return BuiltInRole.byName(orgRole)
                .map(r -> r == BuiltInRole.AGENT || r == BuiltInRole.MANAGER)
                .orElse(orgRole != null && orgRole.startsWith("custom:"));
    }
}
