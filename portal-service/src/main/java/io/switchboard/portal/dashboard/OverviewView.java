package io.switchboard.portal.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/orgs/{orgId}/portals/overview}: every portal that is not archived, default first, then by name. */
record OverviewView(String timezone, Instant weekStartsAt, List<PortalRow> portals) {

    /**
     * @param members            portal members
     * @param availableNow       of them, available in this portal now
     * @param activeConversations conversations assigned now
     * @param openLeads          open leads assigned now
     * @param activeWork         the two together
     * @param queuedConversations conversations waiting
     * @param queuedLeads        leads waiting
     * @param queueLength        the two together
     * @param leadsWonThisWeek   leads of the portal that reached WON since Monday 00:00 (organization's time zone)
     */
    record PortalRow(UUID portalId, String name, @JsonProperty("isDefault") boolean isDefault, long members, long availableNow,
                     long activeConversations, long openLeads, long activeWork, long queuedConversations, long queuedLeads,
                     long queueLength, long leadsWonThisWeek) {
    }
}
