package io.switchboard.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Kafka topics, named {@code <owner>.<stream>.v<N>}; every record on them is keyed by orgId (on a state topic,
 * {@link #isState}, by {@code <orgId>:<id>}).
 *
 * <p>Each topic has owners: the only producers whose records consumers accept on it (the envelope's
 * {@code source} must name one of them) and, in a deployment with broker ACLs, the only principals allowed
 * to write it (deploy/kafka). A topic with no owner listed here is accepted from nobody.
 */
public final class Topics {

    public static final String ORG_ORGANIZATIONS = "org.organizations.v1";
    public static final String ORG_MEMBERSHIPS = "org.memberships.v1";
    /**
     * The current state of every membership and custom role (compacted; key {@code <orgId>:<userId>} or
     * {@code <orgId>:role:<roleId>}, a tombstone once it ends): what the membership projections load at start.
     */
    public static final String ORG_MEMBERSHIP_STATE = "org.membership-state.v1";
    public static final String IDENTITY_INVITATIONS = "identity.invitations.v1";
    /** Sessions ended by signing out; keyed by userId (the one topic not keyed by an organization). */
    public static final String IDENTITY_SESSIONS = "identity.sessions.v1";
    public static final String NOTIFICATION_EMAIL_REQUESTS = "notification.email-requests.v1";
    public static final String BILLING_SUBSCRIPTIONS = "billing.subscriptions.v1";
    public static final String PORTAL_PORTALS = "portal.portals.v1";
    public static final String PORTAL_AVAILABILITY = "portal.availability.v1";
    /** portal-service's audit entries, which org-service appends to the organization's one audit log. */
    public static final String PORTAL_AUDIT = "portal.audit.v1";
    public static final String ROUTING_ASSIGNMENTS = "routing.assignments.v1";
    public static final String CONVERSATIONS_INBOUND = "conversations.inbound.v1";
    public static final String LEADS_INBOUND = "leads.inbound.v1";
    public static final String ROUTING_AUDIT = "routing.audit.v1";

    /** Producer names: the envelope {@code source} of their events, their {@code spring.application.name}, their Kafka user. */
    public static final String ORG_SERVICE = "org-service";
    public static final String IDENTITY_SERVICE = "identity-service";
    public static final String PORTAL_SERVICE = "portal-service";
    public static final String ROUTING_SERVICE = "routing-service";
    public static final String BILLING = "billing";
    /** The channel integrations (SMS, chat, social, mail connectors) that report conversations and leads. */
    public static final String CHANNELS = "channels";

    /** Owners by topic-name prefix (the {@code <owner>.} part); exact topic names in {@link #OWNERS_BY_TOPIC} come first. */
    private static final Map<String, Set<String>> OWNERS_BY_PREFIX = Map.of(
            "org.", Set.of(ORG_SERVICE),
            "identity.", Set.of(IDENTITY_SERVICE),
            "billing.", Set.of(BILLING),
            "portal.", Set.of(PORTAL_SERVICE),
            "routing.", Set.of(ROUTING_SERVICE));

    /** Topics written by more than one service, or by a service other than the one their name starts with. */
    private static final Map<String, Set<String>> OWNERS_BY_TOPIC = Map.of(
            // both ask for mail: invitations and welcome mails (identity), ownership-transfer mails (org)
            NOTIFICATION_EMAIL_REQUESTS, Set.of(IDENTITY_SERVICE, ORG_SERVICE),
            CONVERSATIONS_INBOUND, Set.of(CHANNELS),
            LEADS_INBOUND, Set.of(CHANNELS));

    /**
     * The producers that may publish on {@code topic}; empty when none is known. (A dead-letter topic is
     * written by the consumers of its topic, not by these; nothing consumes it through the inbox.)
     */
    public static Set<String> owners(String topic) {
        if (topic == null) {
            return Set.of();
        }
        Set<String> exact = OWNERS_BY_TOPIC.get(topic);
        if (exact != null) {
            return exact;
        }
        return OWNERS_BY_PREFIX.entrySet().stream()
                .filter(entry -> topic.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(Set.of());
    }

    /** Whether {@code source} owns {@code topic}. */
    public static boolean isOwner(String source, String topic) {
        return source != null && owners(topic).contains(source);
    }

    /**
     * Compacted topics that hold the latest record per key rather than a history of events. Their key is
     * {@code <orgId>:<id>}; their readers load them from the start, without a consumer group or dead-letter topic.
     */
    public static boolean isState(String topic) {
        return ORG_MEMBERSHIP_STATE.equals(topic);
    }

    /** The key of a membership's state on {@link #ORG_MEMBERSHIP_STATE}. */
    public static String membershipStateKey(UUID orgId, UUID userId) {
        return orgId + ":" + userId;
    }

    /** The key of a custom role's state on {@link #ORG_MEMBERSHIP_STATE}. */
    public static String roleStateKey(UUID orgId, UUID roleId) {
        return orgId + ":role:" + roleId;
    }

    /**
     * The part of a record key that names the organization: the whole key, or on a state topic what comes
     * before the first {@code :}. Null for no key.
     */
    public static String orgPartOfKey(String topic, String key) {
        if (key == null || !isState(topic)) {
            return key;
        }
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(0, colon);
    }

    /** Every topic with a fixed name, for tooling (ACL scripts, topic creation). */
    public static List<String> all() {
        return List.of(ORG_ORGANIZATIONS, ORG_MEMBERSHIPS, ORG_MEMBERSHIP_STATE, IDENTITY_INVITATIONS, IDENTITY_SESSIONS, NOTIFICATION_EMAIL_REQUESTS, BILLING_SUBSCRIPTIONS,
                PORTAL_PORTALS, PORTAL_AVAILABILITY, PORTAL_AUDIT, ROUTING_ASSIGNMENTS, ROUTING_AUDIT, CONVERSATIONS_INBOUND, LEADS_INBOUND);
    }

    /** Where a consumer parks a record it could not process after its retries, or rejected at once. */
    public static String deadLetter(String topic) {
        return topic + ".DLT";
    }

    private Topics() {
    }
}
