package io.switchboard.portal.portals;

import java.time.Instant;
import java.util.UUID;

/** A portal member as listed: who they are, their org and portal roles, their availability there. */
record MemberView(UUID userId, String displayName, String email, String orgRole, String portalRole, boolean available, String note,
                  Instant availableSince) {

    static MemberView of(PortalMember member, String displayName, String email, String orgRole) {
        return new MemberView(member.userId(), displayName, email, orgRole, member.role().name(), member.available(), member.note(),
                member.availableSince());
    }
}
