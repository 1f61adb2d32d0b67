package io.switchboard.events.org;

import java.util.UUID;

/**
 * An organization's settings now. {@code managersMayInviteManagers}: whether MANAGERs may also invite
 * MANAGERs (off by default; ADMIN and OWNER are never theirs to grant).
 */
public record OrganizationUpdated(UUID orgId, String name, String plan, int seatLimit, String timezone, boolean managersMayInviteManagers) {

    public OrganizationUpdated(UUID orgId, String name, String plan, int seatLimit, String timezone) {
        this(orgId, name, plan, seatLimit, timezone, false);
    }
}
