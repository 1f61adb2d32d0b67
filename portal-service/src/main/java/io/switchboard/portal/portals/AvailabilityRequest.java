package io.switchboard.portal.portals;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Available or away, with an optional note (at most 200 characters). */
record AvailabilityRequest(@NotNull Boolean available, @Size(max = PortalMember.MAX_NOTE) String note) {
}
