package io.switchboard.notification.inapp;

import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.events.org.OwnershipTransferRequested;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.events.routing.CustomerRepliedToAssignee;
import io.switchboard.events.routing.LeadAssigned;
import io.switchboard.events.routing.WorkAssigned;
import io.switchboard.events.routing.WorkUnassigned;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is notified of an event and what their phone shows: the title names what happened, the body names the
 * thing (channel or source, portal, the conversation's or lead's external id). Pure: the names of orgs, portals
 * and people come in as arguments (null where unknown, which the texts word around).
 */
public final class Texts {

    /** The longest title and body a notification carries (a push payload has about 4 kB for everything). */
    static final int MAX_TITLE = 120;
    static final int MAX_BODY = 400;

    private static final String DOT = " · ";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final Map<String, String> CHANNELS = Map.of(
            "SMS", "SMS", "LIVE_CHAT", "Live chat", "FACEBOOK", "Facebook", "WHATSAPP", "WhatsApp", "EMAIL", "Email",
            "INSTAGRAM", "Instagram");

    private static final Map<String, String> TAKEN_BACK_BECAUSE = Map.of(
            "MANUAL", "A manager unassigned it from you",
            "LEFT_PORTAL", "You are no longer in its portal",
            "LEFT_TEAM", "You are no longer in its team",
            "AWAY_TOO_LONG", "You were away too long, so it was routed to someone else",
            "PORTAL_ARCHIVED", "Its portal was archived",
            "MEMBER_REMOVED", "You were removed from the organization",
            "MEMBER_DEACTIVATED", "Your account in the organization was deactivated");

    private Texts() {
    }

    /** The assignee (unless they took it themselves); on a reassignment also the person it was taken from. */
    public static List<Draft> conversationAssigned(WorkAssigned e, String portalName, String assigneeName) {
        List<Draft> drafts = new ArrayList<>();
        String thing = join(channel(e.channel()), portalName, e.externalId());
        if (!Objects.equals(e.assignedBy(), e.assigneeId())) {
            String title = e.previousAssigneeId() == null ? "New conversation assigned" : "Conversation reassigned to you";
            drafts.add(draft(e.assigneeId(), e.orgId(), e.portalId(), Kind.CONVERSATION_ASSIGNED, title, thing,
                    conversationUrl(e.orgId(), e.portalId(), e.workId()), "conversation:" + e.workId(), Draft.HIGH));
        }
        if (e.previousAssigneeId() != null && !e.previousAssigneeId().equals(e.assigneeId())) {
            drafts.add(draft(e.previousAssigneeId(), e.orgId(), e.portalId(), Kind.CONVERSATION_REROUTED, "Conversation taken back",
                    join("Reassigned to " + (assigneeName != null ? assigneeName : "someone else"), thing),
                    listUrl(e.orgId(), e.portalId(), "conversations"), "conversation:" + e.workId(), Draft.NORMAL));
        }
        return drafts;
    }

    /** As {@link #conversationAssigned} for a lead: the body names its source instead of a channel. */
    public static List<Draft> leadAssigned(LeadAssigned e, String portalName, String assigneeName) {
        List<Draft> drafts = new ArrayList<>();
        String thing = join(source(e.source()), portalName, e.externalId());
        if (!Objects.equals(e.assignedBy(), e.assigneeId())) {
            String title = e.previousAssigneeId() == null ? "New lead assigned" : "Lead reassigned to you";
            drafts.add(draft(e.assigneeId(), e.orgId(), e.portalId(), Kind.LEAD_ASSIGNED, title, thing,
                    "/orgs/" + e.orgId() + "/portals/" + e.portalId() + "/leads/" + e.workId(), "lead:" + e.workId(), Draft.HIGH));
        }
        if (e.previousAssigneeId() != null && !e.previousAssigneeId().equals(e.assigneeId())) {
            drafts.add(draft(e.previousAssigneeId(), e.orgId(), e.portalId(), Kind.LEAD_REROUTED, "Lead taken back",
                    join("Reassigned to " + (assigneeName != null ? assigneeName : "someone else"), thing),
                    listUrl(e.orgId(), e.portalId(), "leads"), "lead:" + e.workId(), Draft.NORMAL));
        }
        return drafts;
    }

    /** The assignee, if it has one; the body is what the customer wrote. */
    public static Optional<Draft> customerReplied(CustomerRepliedToAssignee e, String portalName) {
        if (e.assigneeId() == null) {
            return Optional.empty();
        }
        String preview = e.preview() == null || e.preview().isBlank() ? "(no text)" : e.preview().strip();
        return Optional.of(draft(e.assigneeId(), e.orgId(), e.portalId(), Kind.CUSTOMER_REPLIED,
                "Customer replied" + DOT + join(channel(e.channel()), portalName, e.externalId()), preview,
                conversationUrl(e.orgId(), e.portalId(), e.workId()), "conversation:" + e.workId(), Draft.HIGH));
    }

    /**
     * The person a conversation or lead was taken from (unassigned by a manager or re-routed by the platform), with
     * the reason in words. Not when they left the organization (they are told that instead, and could not open
     * it), nor when they unassigned it themselves.
     */
    public static Optional<Draft> takenBack(WorkUnassigned e, String portalName) {
        if (e.previousAssigneeId() == null || "MEMBER_REMOVED".equals(e.reason()) || "MEMBER_DEACTIVATED".equals(e.reason())
                || ("MANUAL".equals(e.reason()) && e.previousAssigneeId().equals(e.unassignedBy()))) {
            return Optional.empty();
        }
        boolean lead = "LEAD".equals(e.kind());
        String because = TAKEN_BACK_BECAUSE.getOrDefault(e.reason(), "It was routed to someone else");
        return Optional.of(draft(e.previousAssigneeId(), e.orgId(), e.portalId(), lead ? Kind.LEAD_REROUTED : Kind.CONVERSATION_REROUTED,
                lead ? "Lead taken back" : "Conversation taken back", join(because, lead ? null : channel(e.channel()), portalName),
                listUrl(e.orgId(), e.portalId(), lead ? "leads" : "conversations"), (lead ? "lead:" : "conversation:") + e.workId(),
                Draft.NORMAL));
    }

    /** The person whose availability someone else changed (not themselves, not the platform). */
    public static Optional<Draft> availabilityChanged(AvailabilityChanged e, String portalName, String changedByName) {
        if (e.changedBy() == null || e.changedBy().equals(e.userId())) {
            return Optional.empty();
        }
        String title = e.available() ? "You were set available" : "You were set away";
        String by = "by " + (changedByName != null ? changedByName : "a manager");
        String note = e.note() == null || e.note().isBlank() ? null : "“" + e.note().strip() + "”";
        return Optional.of(draft(e.userId(), e.orgId(), e.portalId(), Kind.AVAILABILITY_CHANGED, title, join(portalName, by, note),
                "/orgs/" + e.orgId() + "/portals/" + e.portalId(), "availability:" + e.portalId(), Draft.NORMAL));
    }

    /** The person whose role changed. {@code roleName}/{@code previousRoleName}: custom roles' names where known. */
    public static Draft roleChanged(MemberRoleChanged e, String orgName) {
        String body = "You are now " + role(e.role()) + (e.previousRole() != null ? " (was " + role(e.previousRole()) + ")" : "")
                + " in " + org(orgName);
        return draft(e.userId(), e.orgId(), null, Kind.ROLE_CHANGED, "Your role changed", body, "/orgs/" + e.orgId(),
                "role:" + e.orgId(), Draft.NORMAL);
    }

    /** The person removed ({@code deactivated} false) or deactivated from an org; a mail says the same. */
    public static Draft removed(UUID orgId, UUID userId, boolean deactivated, String orgName) {
        String title = (deactivated ? "Deactivated in " : "Removed from ") + org(orgName);
        String body = deactivated
                ? "Your account in " + org(orgName) + " was deactivated. An admin can reactivate it."
                : "You no longer have access to " + org(orgName) + ".";
        return draft(userId, orgId, null, deactivated ? Kind.MEMBER_DEACTIVATED : Kind.MEMBER_REMOVED, title, body, "/",
                "membership:" + orgId, Draft.NORMAL);
    }

    /** The person offered the organization's ownership. */
    public static Draft ownershipOffered(OwnershipTransferRequested e, String orgName, String fromName) {
        String body = (fromName != null ? fromName : "The owner") + " wants to make you the owner of " + org(orgName) + "."
                + (e.expiresAt() != null ? " Accept by " + DAY.format(e.expiresAt()) + "." : "");
        return draft(e.toUserId(), e.orgId(), null, Kind.OWNERSHIP_OFFERED, "Ownership offered to you", body,
                "/orgs/" + e.orgId() + "/ownership-transfer", "ownership:" + e.transferId(), Draft.NORMAL);
    }

    /** A built-in role's name in words ("Manager"); a custom role (custom:&lt;id&gt;) as "a custom role". */
    static String role(String role) {
        if (role == null || role.isBlank()) {
            return "no role";
        }
        if (role.startsWith("custom:")) {
            return "a custom role";
        }
        return role.substring(0, 1).toUpperCase(Locale.ROOT) + role.substring(1).toLowerCase(Locale.ROOT);
    }

    static String channel(String channel) {
        if (channel == null) {
            return null;
        }
        return CHANNELS.getOrDefault(channel, channel.replace('_', ' '));
    }

    /** A lead's source as sent ("web-form" → "Web form"). */
    static String source(String source) {
        if (source == null || source.isBlank()) {
            return "Lead";
        }
        String words = source.strip().replace('-', ' ').replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static String org(String orgName) {
        return orgName != null && !orgName.isBlank() ? orgName : "your organization";
    }

    private static String conversationUrl(UUID orgId, UUID portalId, UUID workId) {
        return "/orgs/" + orgId + "/portals/" + portalId + "/conversations/" + workId;
    }

    private static String listUrl(UUID orgId, UUID portalId, String what) {
        return "/orgs/" + orgId + "/portals/" + portalId + "/" + what;
    }

    /** The parts that are there, joined by " · ". */
    static String join(String... parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                text.append(text.isEmpty() ? "" : DOT).append(part.strip());
            }
        }
        return text.toString();
    }

    private static Draft draft(UUID userId, UUID orgId, UUID portalId, Kind kind, String title, String body, String url, String tag,
                               String urgency) {
        return new Draft(userId, orgId, portalId, kind, clip(title, MAX_TITLE), clip(body, MAX_BODY), url, tag, urgency);
    }

    static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1; // never half a character
        return text.substring(0, end) + "…";
    }
}
