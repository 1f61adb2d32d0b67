package io.switchboard.membership;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventProvenance;
import io.switchboard.events.Topics;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Who belongs to which organization, with which role and status, as org.membership-state.v1 tells it: the
 * latest record per membership ({@code <orgId>:<userId>}) and per custom role ({@code <orgId>:role:<roleId>}),
 * written by org-service from its tables in the transaction of each change. Records of one key arrive in order;
 * applying the same record twice leaves the same state.
 *
 * <p>A tombstone ends a membership (removal, or the organization's deletion) or a custom role. Read while
 * loading the topic, it leaves nothing behind, so the projection holds current members only. Read live, it
 * leaves a {@link Status#REMOVED} entry: the removed person is refused at once, not after a grace wait for a
 * membership the projection has never heard of.
 */
public final class MembershipProjection {

    public enum Status { ACTIVE, DEACTIVATED, REMOVED }

    public record Membership(UUID orgId, UUID userId, String role, Status status) {
        public boolean isActive() {
            return status == Status.ACTIVE;
        }
    }

    private record Key(UUID orgId, UUID id) {
    }

    private final Map<Key, Membership> memberships = new ConcurrentHashMap<>();
    private final Map<Key, Set<Permission>> customRoles = new ConcurrentHashMap<>();

    public Optional<Membership> find(UUID orgId, UUID userId) {
        return Optional.ofNullable(memberships.get(new Key(orgId, userId)));
    }

    /**
     * The orgs {@code userId} belongs to (active or deactivated; not removed). A scan of the projection: for rare
     * checks such as who may change a person's account-wide profile image.
     */
    public Set<UUID> orgsOf(UUID userId) {
        return memberships.values().stream()
                .filter(m -> m.userId().equals(userId) && m.status() != Status.REMOVED)
                .map(Membership::orgId)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** What an active member may do; nothing for anyone else. */
    public Set<Permission> permissions(UUID orgId, UUID userId) {
        return find(orgId, userId).filter(Membership::isActive).map(m -> permissionsOf(orgId, m.role())).orElse(Set.of());
    }

    /**
     * The membership, waiting up to {@code grace} for one the projection has not heard of yet (an org or a
     * member created a moment ago whose record is still on its way). Known memberships answer at once.
     */
    public Mono<Membership> awaitMembership(UUID orgId, UUID userId, Duration grace) {
        Optional<Membership> known = find(orgId, userId);
        if (known.isPresent()) {
            return Mono.just(known.get());
        }
        Duration step = Duration.ofMillis(25);
        return Flux.interval(step)
                .take(Math.max(1, grace.dividedBy(step)))
                .concatMap(tick -> Mono.justOrEmpty(find(orgId, userId)))
                .next();
    }

    /** What a role of this organization grants: a built-in role's set, or a custom role's as last defined. */
    public Set<Permission> permissionsOf(UUID orgId, String role) {
        Optional<BuiltInRole> builtIn = BuiltInRole.byName(role);
        if (builtIn.isPresent()) {
            return builtIn.get().permissions();
        }
        if (role != null && role.startsWith("custom:")) {
            UUID roleId = uuid(role.substring("custom:".length()));
            return roleId == null ? Set.of() : customRoles.getOrDefault(new Key(orgId, roleId), Set.of());
        }
        return Set.of();
    }

    /** Memberships held, removed ones seen live included. */
    public int size() {
        return memberships.size();
    }

    /**
     * Applies a record of org.membership-state.v1 if it may be believed; answers whether it was. A value must pass
     * {@link #rejection}; a tombstone ({@code envelope} null) needs a well-formed key only: it can take access
     * away, never give it, and only org-service may write the topic where the broker enforces ACLs.
     *
     * @param live false while loading what the topic held at start (a tombstone then leaves nothing behind)
     */
    public boolean apply(String key, JsonNode envelope, boolean live) {
        StateKey stateKey = StateKey.parse(key);
        if (stateKey == null) {
            return false;
        }
        if (envelope == null) {
            end(stateKey, live);
            return true;
        }
        if (rejection(key, envelope).isPresent()) {
            return false;
        }
        JsonNode data = envelope.path("data");
        String type = envelope.path("type").asString("");
        if (type.equals(EventCatalog.MEMBERSHIP_STATE.name()) && !stateKey.role()) {
            Status status = status(data.path("status").asString(""));
            if (status == null) {
                return false;
            }
            memberships.put(stateKey.key(), new Membership(stateKey.orgId(), stateKey.id(), data.path("role").asString(null), status));
            return true;
        }
        if (type.equals(EventCatalog.ROLE_STATE.name()) && stateKey.role()) {
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            data.path("permissions").forEach(permission -> Permission.byKey(permission.asString()).ifPresent(permissions::add));
            customRoles.put(stateKey.key(), Set.copyOf(permissions));
            return true;
        }
        return false; // a type this projection does not follow, or a type under the other kind of key
    }

    /**
     * Why {@link #apply} would refuse a value: not from org-service, subject and key's org and data.orgId
     * disagreeing ({@link EventProvenance}), or a key that is not the one of the data's membership or role.
     */
    public static Optional<String> rejection(String key, JsonNode envelope) {
        JsonNode data = envelope.path("data");
        String dataOrgId = data.hasNonNull("orgId") ? data.get("orgId").asString(data.get("orgId").toString()) : null;
        Optional<String> provenance = EventProvenance.rejection(Topics.ORG_MEMBERSHIP_STATE, key, text(envelope, "source"),
                text(envelope, "subject"), text(envelope, "type"), dataOrgId);
        if (provenance.isPresent()) {
            return provenance;
        }
        UUID orgId = uuid(dataOrgId);
        String type = text(envelope, "type");
        String expected = null;
        if (orgId != null && EventCatalog.MEMBERSHIP_STATE.name().equals(type) && uuid(text(data, "userId")) != null) {
            expected = Topics.membershipStateKey(orgId, uuid(text(data, "userId")));
        } else if (orgId != null && EventCatalog.ROLE_STATE.name().equals(type) && uuid(text(data, "roleId")) != null) {
            expected = Topics.roleStateKey(orgId, uuid(text(data, "roleId")));
        }
        if (expected != null && !expected.equalsIgnoreCase(key)) {
            return Optional.of("record key " + key + " is not the key of its data (" + expected + ")");
        }
        return Optional.empty();
    }

    private void end(StateKey stateKey, boolean live) {
        if (stateKey.role()) {
            customRoles.remove(stateKey.key());
        } else if (live) {
            memberships.compute(stateKey.key(), (key, current) ->
                    new Membership(stateKey.orgId(), stateKey.id(), current == null ? null : current.role(), Status.REMOVED));
        } else {
            memberships.remove(stateKey.key());
        }
    }

    private static Status status(String value) {
        return switch (value) {
            case "ACTIVE" -> Status.ACTIVE;
            case "DEACTIVATED" -> Status.DEACTIVATED;
            case "REMOVED" -> Status.REMOVED;
            default -> null;
        };
    }

    /** {@code <orgId>:<userId>} or {@code <orgId>:role:<roleId>}. */
    private record StateKey(UUID orgId, UUID id, boolean role) {

        Key key() {
            return new Key(orgId, id);
        }

        static StateKey parse(String key) {
            if (key == null) {
                return null;
            }
            String[] parts = key.split(":", -1);
            if (parts.length == 2) {
                UUID orgId = uuid(parts[0]);
                UUID userId = uuid(parts[1]);
                return orgId == null || userId == null ? null : new StateKey(orgId, userId, false);
            }
            if (parts.length == 3 && parts[1].equals("role")) {
                UUID orgId = uuid(parts[0]);
                UUID roleId = uuid(parts[2]);
                return orgId == null || roleId == null ? null : new StateKey(orgId, roleId, true);
            }
            return null;
        }
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString(value.toString());
    }
}
