package io.switchboard.membership;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Who belongs to which organization, with which role and status, as org.memberships.v1 tells it. Events of
 * one org arrive in order (key = orgId); applying the same event twice leaves the same state.
 */
public final class MembershipProjection {

    public enum Status { ACTIVE, DEACTIVATED, REMOVED }

    public record Membership(UUID orgId, UUID userId, String role, Status status) {
        public boolean isActive() {
            return status == Status.ACTIVE;
        }
    }

    private record Key(UUID orgId, UUID userId) {
    }

    private final Map<Key, Membership> memberships = new ConcurrentHashMap<>();
    private final Map<Key, Set<Permission>> customRoles = new ConcurrentHashMap<>();
    private final Set<UUID> deletedOrgs = ConcurrentHashMap.newKeySet();

    public Optional<Membership> find(UUID orgId, UUID userId) {
        if (deletedOrgs.contains(orgId)) {
            return Optional.of(new Membership(orgId, userId, null, Status.REMOVED));
        }
        return Optional.ofNullable(memberships.get(new Key(orgId, userId)));
    }

    /** What an active member may do; nothing for anyone else. */
    public Set<Permission> permissions(UUID orgId, UUID userId) {
        return find(orgId, userId).filter(Membership::isActive).map(m -> permissionsOf(orgId, m.role())).orElse(Set.of());
    }

    /**
     * The membership, waiting up to {@code grace} for one the projection has not heard of yet (an org or a
     * member created a moment ago whose event is still on its way). Known memberships answer at once.
     */
    public reactor.core.publisher.Mono<Membership> awaitMembership(UUID orgId, UUID userId, java.time.Duration grace) {
        Optional<Membership> known = find(orgId, userId);
        if (known.isPresent()) {
            return reactor.core.publisher.Mono.just(known.get());
        }
        java.time.Duration step = java.time.Duration.ofMillis(25);
        return reactor.core.publisher.Flux.interval(step)
                .take(Math.max(1, grace.dividedBy(step)))
                .concatMap(tick -> reactor.core.publisher.Mono.justOrEmpty(find(orgId, userId)))
                .next();
    }

    /** What a role of this organization grants: a built-in role's set, or a custom role's as last defined. */
    public Set<Permission> permissionsOf(UUID orgId, String role) {
        Optional<BuiltInRole> builtIn = BuiltInRole.byName(role);
        if (builtIn.isPresent()) {
            return builtIn.get().permissions();
        }
        if (role != null && role.startsWith("custom:")) {
            return customRoles.getOrDefault(new Key(orgId, UUID.fromString(role.substring("custom:".length()))), Set.of());
        }
        return Set.of();
    }

    public int size() {
        return memberships.size();
    }

    /** Applies one event envelope (as JSON tree); types it does not follow are ignored. */
    public void apply(JsonNode envelope) {
        String type = envelope.path("type").asString("");
        JsonNode data = envelope.path("data");
        UUID orgId = uuid(data, "orgId");
        if (orgId == null) {
            return;
        }
        if (type.equals(EventCatalog.MEMBER_JOINED.name()) || type.equals(EventCatalog.MEMBER_REACTIVATED.name())) {
            put(orgId, uuid(data, "userId"), data.path("role").asString(), Status.ACTIVE);
        } else if (type.equals(EventCatalog.MEMBER_ROLE_CHANGED.name())) {
            Key key = new Key(orgId, uuid(data, "userId"));
            Membership current = memberships.get(key);
            put(orgId, key.userId(), data.path("role").asString(), current == null ? Status.ACTIVE : current.status());
        } else if (type.equals(EventCatalog.MEMBER_REMOVED.name())) {
            setStatus(orgId, uuid(data, "userId"), Status.REMOVED);
        } else if (type.equals(EventCatalog.MEMBER_DEACTIVATED.name())) {
            setStatus(orgId, uuid(data, "userId"), Status.DEACTIVATED);
        } else if (type.equals(EventCatalog.ORGANIZATION_DELETED.name())) {
            deletedOrgs.add(orgId);
        } else if (type.equals(EventCatalog.ROLE_DEFINED.name())) {
            Set<Permission> permissions = EnumSet.noneOf(Permission.class);
            data.path("permissions").forEach(key -> Permission.byKey(key.asString()).ifPresent(permissions::add));
            customRoles.put(new Key(orgId, uuid(data, "roleId")), Set.copyOf(permissions));
        } else if (type.equals(EventCatalog.ROLE_DELETED.name())) {
            customRoles.remove(new Key(orgId, uuid(data, "roleId")));
        }
    }

    private void put(UUID orgId, UUID userId, String role, Status status) {
        if (userId != null) {
            memberships.put(new Key(orgId, userId), new Membership(orgId, userId, role, status));
        }
    }

    private void setStatus(UUID orgId, UUID userId, Status status) {
        if (userId != null) {
            memberships.compute(new Key(orgId, userId), (key, current) ->
                    new Membership(orgId, userId, current == null ? null : current.role(), status));
        }
    }

    private static UUID uuid(JsonNode data, String field) {
        String value = data.path(field).asString(null);
        return value == null ? null : UUID.fromString(value);
    }
}
