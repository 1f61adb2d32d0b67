package io.switchboard.portal.portals;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The portal role to give: EMPLOYEE or MANAGER. */
record PutMemberRequest(@NotNull @Pattern(regexp = "EMPLOYEE|MANAGER", message = "must be EMPLOYEE or MANAGER") String portalRole) {
}
