package io.switchboard.events.access;

import static io.switchboard.events.access.Permission.*;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The built-in organization roles, highest first, with what each may do. */
public enum BuiltInRole {
    OWNER(EnumSet.allOf(Permission.class)),
    ADMIN(EnumSet.complementOf(EnumSet.of(BILLING_MANAGE, OWNERSHIP_MANAGE, ORG_DELETE))),
    MANAGER(EnumSet.of(ORG_READ, MEMBERS_READ, MEMBERS_INVITE, MEMBERS_MANAGE, ROLES_READ, PORTALS_READ, PORTALS_MANAGE, ROUTING_MANAGE,
            CONVERSATIONS_READ, CONVERSATIONS_REPLY, CONVERSATIONS_ASSIGN, LEADS_READ, LEADS_WRITE, LEADS_ASSIGN, NOTES_WRITE,
            CONTACTS_READ, CONTACTS_WRITE, CAMPAIGNS_READ, TEMPLATES_READ, ANALYTICS_READ)),
    AGENT(EnumSet.of(ORG_READ, MEMBERS_READ, PORTALS_READ, CONVERSATIONS_READ, CONVERSATIONS_REPLY, LEADS_READ, LEADS_WRITE,
            NOTES_WRITE, CONTACTS_READ, CONTACTS_WRITE, TEMPLATES_READ)),
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

    /** Seats are taken by every active member who is not a VIEWER. */
    public boolean takesSeat() {
        return this != VIEWER;
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
