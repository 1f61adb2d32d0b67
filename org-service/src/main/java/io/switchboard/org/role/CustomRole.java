package io.switchboard.org.role;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.Permission;
import io.switchboard.events.org.RoleDefined;
import io.switchboard.events.org.RoleDeleted;
import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import io.switchboard.org.access.Roles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A named permission set of one organization; members are given it as {@code custom:<id>}. */
record CustomRole(UUID id, UUID orgId, String name, Set<Permission> permissions) {

    static Change<CustomRole> define(UUID orgId, String name, Set<Permission> permissions) {
        CustomRole role = new CustomRole(UUID.randomUUID(), orgId, name.trim(), Set.copyOf(permissions));
        return Change.of(role, role.definedEvent(), new AuditEntry("role.created", role.target(), Map.of(), role.state()));
    }

    Change<CustomRole> edit(String newName, Set<Permission> newPermissions) {
        CustomRole after = new CustomRole(id, orgId, newName == null ? name : newName.trim(),
                newPermissions == null ? permissions : Set.copyOf(newPermissions));
        return Change.of(after, after.definedEvent(), new AuditEntry("role.updated", target(), state(), after.state()));
    }

    Change<Void> delete() {
        return Change.of(null, PendingEvent.of(EventCatalog.ROLE_DELETED, new RoleDeleted(orgId, id)),
                new AuditEntry("role.deleted", target(), Map.of("role", id.toString()), Map.of()));
    }

    String role() {
        return Roles.CUSTOM_PREFIX + id;
    }

    List<String> keys() {
        return permissions.stream().map(Permission::key).sorted().toList();
    }

    private PendingEvent<RoleDefined> definedEvent() {
        return PendingEvent.of(EventCatalog.ROLE_DEFINED, new RoleDefined(orgId, id, name, keys()));
    }

    private String target() {
        return "role:" + id;
    }

    private Map<String, Object> state() {
        return Map.of("name", name, "permissions", keys());
    }
}
