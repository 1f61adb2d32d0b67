package io.switchboard.testing;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.org.MembershipState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What org-service writes on org.membership-state.v1 after each event of org.memberships.v1, for tests that play
 * org-service through {@link Events}. org-service reads the new state from its tables; this keeps the states of
 * what this JVM published instead (one map for the JVM's one shared broker), with org-service's transitions: a join
 * makes an active member, a removal or the organization's deletion a tombstone, a role change, deactivation or
 * reactivation changes a known member only (reactivation a deactivated one), a role's definition or deletion its
 * value or tombstone.
 */
final class MembershipStates {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, MembershipState> MEMBERS = new ConcurrentHashMap<>();
    private static final Set<String> ROLES = ConcurrentHashMap.newKeySet();

    /** One record to send: a null value is a tombstone. */
    record StateRecord(String key, String value) {
    }

    private MembershipStates() {
    }

    /** The state records org-service would write after this (genuine) event; none for a type that changes no state. */
    static synchronized List<StateRecord> after(Events.Envelope event) {
        JsonNode data = event.data();
        UUID orgId = uuid(data.path("orgId").asString(null));
        if (orgId == null) {
            return List.of();
        }
        UUID userId = uuid(data.path("userId").asString(null));
        String key = userId == null ? null : Topics.membershipStateKey(orgId, userId);
        MembershipState current = key == null ? null : MEMBERS.get(key);
        String type = event.type();
        if (type.equals(EventCatalog.MEMBER_JOINED.name()) && key != null) {
            return member(event, key, new MembershipState(orgId, userId, data.path("role").asString(null), "ACTIVE"));
        }
        if (type.equals(EventCatalog.MEMBER_ROLE_CHANGED.name()) && current != null) {
            return member(event, key, new MembershipState(orgId, userId, data.path("role").asString(current.role()), current.status()));
        }
        if (type.equals(EventCatalog.MEMBER_DEACTIVATED.name()) && current != null) {
            return member(event, key, new MembershipState(orgId, userId, current.role(), "DEACTIVATED"));
        }
        if (type.equals(EventCatalog.MEMBER_REACTIVATED.name()) && current != null && current.status().equals("DEACTIVATED")) {
            return member(event, key, new MembershipState(orgId, userId, data.path("role").asString(current.role()), "ACTIVE"));
        }
        if (type.equals(EventCatalog.MEMBER_REMOVED.name()) && key != null) {
            MEMBERS.remove(key);
            return List.of(new StateRecord(key, null));
        }
        if (type.equals(EventCatalog.ROLE_DEFINED.name()) || type.equals(EventCatalog.ROLE_DELETED.name())) {
            UUID roleId = uuid(data.path("roleId").asString(null));
            if (roleId == null) {
                return List.of();
            }
            String roleKey = Topics.roleStateKey(orgId, roleId);
            if (type.equals(EventCatalog.ROLE_DELETED.name())) {
                ROLES.remove(roleKey);
                return List.of(new StateRecord(roleKey, null));
            }
            ROLES.add(roleKey);
            return List.of(new StateRecord(roleKey, stateEnvelope(event, EventCatalog.ROLE_STATE.name(), roleKey, data, EventCatalog.ROLE_STATE.dataSchema())));
        }
        if (type.equals(EventCatalog.ORGANIZATION_DELETED.name())) {
            String prefix = orgId + ":";
            List<StateRecord> tombstones = new ArrayList<>();
            MEMBERS.keySet().removeIf(k -> k.startsWith(prefix) && tombstones.add(new StateRecord(k, null)));
            ROLES.removeIf(k -> k.startsWith(prefix) && tombstones.add(new StateRecord(k, null)));
            return tombstones;
        }
        return List.of();
    }

    private static List<StateRecord> member(Events.Envelope event, String key, MembershipState state) {
        MEMBERS.put(key, state);
        return List.of(new StateRecord(key, stateEnvelope(event, EventCatalog.MEMBERSHIP_STATE.name(), key, JSON.valueToTree(state),
                EventCatalog.MEMBERSHIP_STATE.dataSchema())));
    }

    private static String stateEnvelope(Events.Envelope event, String type, String key, JsonNode data, String dataschema) {
        return new Events.Envelope(Topics.ORG_MEMBERSHIP_STATE, key, UUID.randomUUID(), type, event.source(), event.time(), event.subject(),
                event.actor(), dataschema, data).json();
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
