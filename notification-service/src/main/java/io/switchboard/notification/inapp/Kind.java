package io.switchboard.notification.inapp;

/** What a notification is about; stored as its name in {@code notifications.kind}. */
public enum Kind {
    CONVERSATION_ASSIGNED,
    LEAD_ASSIGNED,
    CUSTOMER_REPLIED,
    CONVERSATION_REROUTED,
    LEAD_REROUTED,
    AVAILABILITY_CHANGED,
    ROLE_CHANGED,
    MEMBER_REMOVED,
    MEMBER_DEACTIVATED,
    OWNERSHIP_OFFERED
}
