package io.switchboard.portal.portals;

import static io.switchboard.messaging.change.AuditEntry.fields;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.PortalRole;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.events.portal.PortalMemberAdded;
import io.switchboard.events.portal.PortalMemberRemoved;
import io.switchboard.events.portal.PortalMemberRoleChanged;
import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Someone's membership of one portal: their portal role and whether they are available there ({@code
 * availableSince}: the time of the last change). Every availability change raises
 * {@code portal.availability.changed}, which the availability log keeps.
 */
public record PortalMember(UUID portalId, UUID orgId, UUID userId, PortalRole role, boolean available, String note, Instant availableSince) {

    static final int MAX_NOTE = 200;

    /** Why availability changed (the {@code reason} of {@link AvailabilityChanged}). */
    enum Reason { TOGGLED, AWAY_SWITCH, MEMBER_DEACTIVATED, MEMBER_REMOVED, JOINED, ROLE_CHANGED }

    /** Why someone left a portal (the {@code reason} of {@link PortalMemberRemoved}). */
    enum LeaveReason { REMOVED_FROM_PORTAL, MEMBER_REMOVED, PORTAL_ARCHIVED }

    /** A new member of the portal; they start available. */
    static Change<PortalMember> join(UUID orgId, UUID portalId, UUID userId, PortalRole role, String orgRole, UUID by, Instant now) {
        // a VIEWER takes no work: in a portal to read it, never available for routing
        boolean available = BuiltInRole.byName(orgRole).filter(r -> r == BuiltInRole.VIEWER).isEmpty();
        PortalMember member = new PortalMember(portalId, orgId, userId, role, available, null, now);
        return Change.of(member,
                        PendingEvent.of(EventCatalog.PORTAL_MEMBER_ADDED, new PortalMemberAdded(orgId, portalId, userId, role.name())),
                        new AuditEntry("portal.member-added", member.target(), Map.of(), fields("portalId", portalId, "portalRole", role.name())))
                .and(member.availabilityEvent(by, Reason.JOINED));
    }

    Change<PortalMember> changeRole(PortalRole newRole) {
        if (newRole == role) {
            return Change.none(this);
        }
        PortalMember after = new PortalMember(portalId, orgId, userId, newRole, available, note, availableSince);
        return Change.of(after,
                PendingEvent.of(EventCatalog.PORTAL_MEMBER_ROLE_CHANGED, new PortalMemberRoleChanged(orgId, portalId, userId, role.name(), newRole.name())),
                new AuditEntry("portal.member-role-changed", target(), fields("portalId", portalId, "portalRole", role.name()),
                        fields("portalId", portalId, "portalRole", newRole.name())));
    }

    /** Available or away with a note, set in this portal; nothing to record when both are already so. */
    Change<PortalMember> setAvailability(boolean nowAvailable, String newNote, UUID by, Instant now) {
        String checkedNote = checkedNote(newNote);
        if (nowAvailable == available && Objects.equals(checkedNote, note)) {
            return Change.none(this);
        }
        return becomes(nowAvailable, checkedNote, by, Reason.TOGGLED, now);
    }

    /** The person-level switch: portals already in that state are left as they are (note included). */
    Change<PortalMember> awaySwitch(boolean nowAvailable, String newNote, UUID by, Instant now) {
        String checkedNote = checkedNote(newNote);
        return nowAvailable == available ? Change.none(this) : becomes(nowAvailable, checkedNote, by, Reason.AWAY_SWITCH, now);
    }

    /**
     * After an org role change: someone who is now an AGENT or VIEWER is no portal MANAGER any more (only
     * admins make portal MANAGERs again), and a VIEWER, who takes no work, is away.
     */
    Change<PortalMember> followOrgRole(String orgRole, UUID by, Instant now) {
        BuiltInRole builtIn = BuiltInRole.byName(orgRole).orElse(null);
        boolean agentOrViewer = builtIn == BuiltInRole.AGENT || builtIn == BuiltInRole.VIEWER;
        Change<PortalMember> demoted = role == PortalRole.MANAGER && agentOrViewer ? changeRole(PortalRole.EMPLOYEE) : Change.none(this);
        PortalMember current = demoted.result();
        if (builtIn == BuiltInRole.VIEWER && current.available) {
            return demoted.then(current.becomes(false, current.note, by, Reason.ROLE_CHANGED, now));
        }
        return demoted;
    }

    /** Away because the member was deactivated in the organization; kept as a member. */
    Change<PortalMember> deactivated(UUID by, Instant now) {
        return available ? becomes(false, note, by, Reason.MEMBER_DEACTIVATED, now) : Change.none(this);
    }

    /**
     * Leaves the portal. Removed from the organization: the availability log also records them away, whatever
     * they were, so that "who was available when" ends there.
     */
    Change<PortalMember> leave(LeaveReason reason, UUID by, Instant now) {
        Change<PortalMember> left = Change.of(this,
                PendingEvent.of(EventCatalog.PORTAL_MEMBER_REMOVED, new PortalMemberRemoved(orgId, portalId, userId, reason.name())),
                new AuditEntry("portal.member-removed", target(), fields("portalId", portalId, "portalRole", role.name()),
                        fields("portalId", portalId, "reason", reason.name())));
        if (reason == LeaveReason.MEMBER_REMOVED) {
            PortalMember away = new PortalMember(portalId, orgId, userId, role, false, null, now);
            return left.and(away.availabilityEvent(by, Reason.MEMBER_REMOVED))
                    .and(new AuditEntry("availability.changed", target(), fields("portalId", portalId, "available", available, "note", note),
                            fields("portalId", portalId, "available", false, "note", null, "reason", Reason.MEMBER_REMOVED.name())));
        }
        return left;
    }

    private Change<PortalMember> becomes(boolean nowAvailable, String newNote, UUID by, Reason reason, Instant now) {
        PortalMember after = new PortalMember(portalId, orgId, userId, role, nowAvailable, newNote, now);
        return Change.of(after, after.availabilityEvent(by, reason),
                new AuditEntry("availability.changed", target(), fields("portalId", portalId, "available", available, "note", note),
                        fields("portalId", portalId, "available", nowAvailable, "note", newNote, "reason", reason.name())));
    }

    private PendingEvent<AvailabilityChanged> availabilityEvent(UUID by, Reason reason) {
        return PendingEvent.of(EventCatalog.AVAILABILITY_CHANGED,
                new AvailabilityChanged(orgId, portalId, userId, available, note, by, availableSince, reason.name()));
    }

    String target() {
        return "user:" + userId;
    }

    static String checkedNote(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_NOTE) {
            throw Problems.invalid("note", "must be at most " + MAX_NOTE + " characters");
        }
        return trimmed;
    }
}
