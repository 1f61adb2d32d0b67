package io.switchboard.events;

/** Kafka topics, named {@code <owner>.<stream>.v<N>}; every record on them is keyed by orgId. */
public final class Topics {

    public static final String ORG_ORGANIZATIONS = "org.organizations.v1";
    public static final String ORG_MEMBERSHIPS = "org.memberships.v1";
    public static final String IDENTITY_INVITATIONS = "identity.invitations.v1";
    public static final String NOTIFICATION_EMAIL_REQUESTS = "notification.email-requests.v1";
    public static final String PORTAL_PORTALS = "portal.portals.v1";
    public static final String PORTAL_AVAILABILITY = "portal.availability.v1";
    public static final String ROUTING_ASSIGNMENTS = "routing.assignments.v1";
    public static final String CONVERSATIONS_INBOUND = "conversations.inbound.v1";
    public static final String LEADS_INBOUND = "leads.inbound.v1";

    /** Where a consumer parks a record it could not process after its retries. */
    public static String deadLetter(String topic) {
        return topic + ".DLT";
    }

    private Topics() {
    }
}
