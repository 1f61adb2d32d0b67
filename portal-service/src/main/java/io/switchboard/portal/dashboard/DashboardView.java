package io.switchboard.portal.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/orgs/{orgId}/portals/{portalId}/dashboard}: the caller's own numbers in the portal ({@code me}),
 * and for those who see all of the portal's work (its MANAGERs, OWNERs and ADMINs, VIEWERs) its {@code team}
 * (null for anyone else).
 */
record DashboardView(UUID portalId, String portalName, String timezone, Windows windows, Me me, Team team) {

    /** Where "today", "the last 7 days" and "this week" start, in the organization's time zone. */
    record Windows(Instant today, Instant last7Days, Instant week) {
    }

    /**
     * @param leadsByStatus  the leads of this portal assigned to the caller (WON and LOST: those they held when closed), per status of the
     *                       organization in its order, then any other status such leads still have
     * @param conversations  per channel: active conversations in this portal, in all portals, and the capacity there
     */
    record Me(UUID userId, List<StatusCount> leadsByStatus, List<ChannelLoad> conversations, long openLeads, Handled handled) {
    }

    record StatusCount(String statusId, String name, String outcome, long count) {
    }

    /**
     * @param active            conversations assigned now, in this portal
     * @param activeAllPortals  conversations assigned now, in every portal of the organization (what capacity is measured against)
     * @param capacity          the routing profile's capacity on the channel; null when the profile names none
     */
    record ChannelLoad(String channel, long active, long activeAllPortals, Integer capacity) {
    }

    /** Closed while assigned to the member (conversations) and reaching WON or LOST while assigned to them (leads), in this portal. */
    record Handled(long conversationsToday, long conversationsLast7Days, long leadsToday, long leadsLast7Days) {

        static final Handled NONE = new Handled(0, 0, 0, 0);
    }

    record Team(List<Member> members, Queue queue) {
    }

    /** A portal member: availability in this portal and since when, their load and what they handled. */
    record Member(UUID userId, String displayName, String portalRole, boolean available, Instant availableSince,
                  List<ChannelLoad> conversations, long openLeads, Handled handled) {
    }

    record Queue(Waiting conversations, Waiting leads) {
    }

    /** @param oldestQueuedAt when the longest-waiting one entered the queue (null when none waits) */
    record Waiting(long length, Instant oldestQueuedAt, Long oldestWaitSeconds) {
    }
}
