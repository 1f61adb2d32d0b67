package io.switchboard.org.role;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A custom role: a name and the permission keys it grants (see GET /api/permissions). */
public record RoleRequest(@NotBlank @Size(max = 60) String name, @NotEmpty List<String> permissions) {
}
