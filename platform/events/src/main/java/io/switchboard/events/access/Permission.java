package io.switchboard.events.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * The permission catalog every service checks against: one vocabulary for the whole platform.
 * Custom roles are named sets of these keys. Besides Switchboard's own features (org, members, roles,
 * portals, routing), the catalog names the host product's features that the seeds list (inbox =
 * conversations, leads and notes; contacts; campaigns; templates; keywords; knowledge base; appointment
 * types; webhook integrations; settings; analytics), so custom roles can toggle each of them.
 */
public enum Permission {
    ORG_READ("org:read"),
    ORG_UPDATE("org:update"),
    ORG_DELETE("org:delete"),
    BILLING_MANAGE("billing:manage"),
    OWNERSHIP_MANAGE("ownership:manage"),
    MEMBERS_READ("members:read"),
    MEMBERS_INVITE("members:invite"),
    MEMBERS_MANAGE("members:manage"),
    ROLES_READ("roles:read"),
    ROLES_MANAGE("roles:manage"),
    AUDIT_READ("audit:read"),
    API_KEYS_MANAGE("api-keys:manage"),
    INTEGRATIONS_MANAGE("integrations:manage"),
    AI_CONFIGURE("ai:configure"),
    PORTALS_READ("portals:read"),
    PORTALS_MANAGE("portals:manage"),
    /** Set other people's availability (available / away) in portals; everyone may set their own. */
    AVAILABILITY_MANAGE("availability:manage"),
    ROUTING_MANAGE("routing:manage"),
    CONVERSATIONS_READ("conversations:read"),
    CONVERSATIONS_REPLY("conversations:reply"),
    CONVERSATIONS_ASSIGN("conversations:assign"),
    LEADS_READ("leads:read"),
    LEADS_WRITE("leads:write"),
    LEADS_ASSIGN("leads:assign"),
    NOTES_WRITE("notes:write"),
    CONTACTS_READ("contacts:read"),
    CONTACTS_WRITE("contacts:write"),
    CONTACTS_DELETE("contacts:delete"),
    CAMPAIGNS_READ("campaigns:read"),
    CAMPAIGNS_WRITE("campaigns:write"),
    TEMPLATES_READ("templates:read"),
    TEMPLATES_WRITE("templates:write"),
    SETTINGS_READ("settings:read"),
    SETTINGS_WRITE("settings:write"),
    ANALYTICS_READ("analytics:read"),
    KNOWLEDGE_BASE_READ("knowledge-base:read"),
    KNOWLEDGE_BASE_WRITE("knowledge-base:write"),
    KEYWORDS_READ("keywords:read"),
    KEYWORDS_WRITE("keywords:write"),
    APPOINTMENT_TYPES_READ("appointment-types:read"),
    APPOINTMENT_TYPES_WRITE("appointment-types:write"),
    WEBHOOKS_MANAGE("webhooks:manage");

    private final String key;

    Permission(String key) {
        this.key = key;
    }

    /** The stable name used in APIs, events and custom roles. */
    public String key() {
        return key;
    }

    public static Optional<Permission> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }
}
