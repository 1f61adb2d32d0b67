package io.switchboard.org.role;

import java.util.List;
import java.util.UUID;

/** {@code role} is what members are given: {@code custom:<id>}. */
public record CustomRole(UUID id, String name, String role, List<String> permissions) {
}
