package io.switchboard.org.role;

import java.util.List;
import java.util.UUID;

/** {@code role} is what members are given: {@code custom:<id>}. */
public record RoleView(UUID id, String name, String role, List<String> permissions) {

    static RoleView of(CustomRole role) {
        return new RoleView(role.id(), role.name(), role.role(), role.keys());
    }
}
