package io.switchboard.org.membership;

import jakarta.validation.constraints.NotBlank;

/** {@code role}: OWNER, ADMIN, MANAGER, AGENT, VIEWER or custom:&lt;roleId&gt;. */
public record ChangeRoleRequest(@NotBlank String role) {
}
