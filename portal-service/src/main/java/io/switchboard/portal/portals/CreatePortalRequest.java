package io.switchboard.portal.portals;

import jakarta.validation.constraints.NotBlank;

/** A new portal; the name's length and uniqueness, the description and the colour are the {@link Portal}'s rules. */
record CreatePortalRequest(@NotBlank String name, String description, String accentColor) {
}
