package io.switchboard.events.access;

import static io.switchboard.events.access.Permission.*;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in organization roles, highest first, with what each may do. The seeds' names: Super Admin is
 * OWNER (the primary owner among them), Admin is ADMIN, Supervisor is MANAGER, User is AGENT; Employee is
 * not an org role but a portal role (portal-service's EMPLOYEE, usually held by an AGENT).
 *
 * <p>Where the seeds are specific they rule: a User (AGENT) works the inbox (conversations, leads, notes)
 * and campaigns; a Supervisor (MANAGER) the inbox, campaigns, contacts and keywords, plus managing the
 * agents and viewers of their portals.
 */
public enum BuiltInRole {
    OWNER(EnumSet.allOf(Permission.class)),
    ADMIN(EnumSet.complementOf(EnumSet.of(BILLING_MANAGE, OWNERSHIP_MANAGE, ORG_DELETE))),
    MANAGER(EnumSet.of(ORG_READ, MEMBERS_READ, MEMBERS_INVITE, MEMBERS_MANAGE, ROLES_READ, PORTALS_READ, PORTALS_MANAGE, AVAILABILITY_MANAGE, ROUTING_MANAGE,
            CONVERSATIONS_READ, CONVERSATIONS_REPLY, CONVERSATIONS_ASSIGN, LEADS_READ, LEADS_WRITE, LEADS_ASSIGN, NOTES_WRITE,
            CAMPAIGNS_READ, CAMPAIGNS_WRITE, CONTACTS_READ, CONTACTS_WRITE, CONTACTS_DELETE, KEYWORDS_READ, KEYWORDS_WRITE,
            TEMPLATES_READ, ANALYTICS_READ)),
    AGENT(EnumSet.of(ORG_READ, MEMBERS_READ, PORTALS_READ, CONVERSATIONS_READ, CONVERSATIONS_REPLY, LEADS_READ, LEADS_WRITE,
            NOTES_WRITE, CAMPAIGNS_READ, CAMPAIGNS_WRITE, TEMPLATES_READ)),
    VIEWER(EnumSet.of(ORG_READ, MEMBERS_READ, PORTALS_READ, CONVERSATIONS_READ, LEADS_READ, CONTACTS_READ, CAMPAIGNS_READ,
            TEMPLATES_READ, ANALYTICS_READ));

    private final Set<Permission> permissions;

    BuiltInRole(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** Whether this role ranks strictly above the other (OWNER above ADMIN above MANAGER ...). */
    public boolean outranks(BuiltInRole other) {
        return ordinal() < other.ordinal();
    }

    /**
     * Whether a member holding this role takes an agent seat: everyone but VIEWERs (custom roles take one
     * too). The primary owner never does, whatever the role: see {@link #takesSeat(String, boolean)}.
     */
    public boolean takesSeat() {
        return this != VIEWER;
    }

    /**
     * Who takes an agent seat: an active member or a pending invitation whose role is not VIEWER (built-in
     * or custom), except the organization's primary owner.
     *
     * @param role          a built-in role name or {@code custom:<id>}
     * @param primaryOwner  whether the member is the organization's primary owner
     */
    public static boolean takesSeat(String role, boolean primaryOwner) {
        return !primaryOwner && byName(role).map(BuiltInRole::takesSeat).orElse(true);
    }

    public static Optional<BuiltInRole> byName(String name) {
        for (BuiltInRole role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
