package io.switchboard.org.role;

import jakarta.validation.constraints.Size;
import java.util.List;

/** Only the fields present change. */
public record UpdateRoleRequest(@Size(min = 1, max = 60) String name, @Size(min = 1) List<String> permissions) {
}
