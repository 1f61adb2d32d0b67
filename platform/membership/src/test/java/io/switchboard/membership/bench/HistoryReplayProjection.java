package io.switchboard.membership.bench;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventProvenance;
import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.Permission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The membership projection as it was before org.membership-state.v1 (commit 97c3860), kept verbatim as the
 * benchmark's "before": it replays org.memberships.v1 from offset 0.
 *
 * <p>Who belongs to which organization, with which role and status, as org.memberships.v1 tells it. Events of
 * one org arrive in order (key = orgId); applying the same event twice leaves the same state.
 *
 * <p>Rules, so that a stray or late event never grants access: only {@code org.member.joined} creates an
 * active membership; a removal ends it until the next join; reactivation revives only a deactivated member;
 * a role change never creates a member; an organization's deletion ends every membership for good.
 */
final class HistoryReplayProjection {

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

    /**
     * The orgs {@code userId} belongs to (active or deactivated; not removed, not in a deleted org). A scan of the
     * projection: for rare checks such as who may change a person's account-wide profile image.
     */
    public Set<UUID> orgsOf(UUID userId) {
        return memberships.values().stream()
                .filter(m -> m.userId().equals(userId) && m.status() != Status.REMOVED && !deletedOrgs.contains(m.orgId()))
                .map(Membership::orgId)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** What an active member may do; nothing for anyone else. */
    public Set<Permission> permissions(UUID orgId, UUID userId) {
        return find(orgId, userId).filter(Membership::isActive).map(m -> permissionsOf(orgId, m.role())).orElse(Set.of());
    }

    /**
     * The membership, waiting up to {@code grace} for one the projection has not heard of yet (an org or a
     * member created a moment ago whose event is still on its way). Known memberships answer at once.
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
            return customRoles.getOrDefault(new Key(orgId, UUID.fromString(role.substring("custom:".length()))), Set.of());
        }
        return Set.of();
    }

    public int size() {
        return memberships.size();
    }

    /**
     * Applies a record read from {@code topic} if it may be believed ({@link EventProvenance}: published by
     * org-service, subject = key = data.orgId); answers whether it was. The updater feeds every record through here.
     */
    public boolean apply(String topic, String key, JsonNode envelope) {
        if (rejection(topic, key, envelope).isPresent()) {
            return false;
        }
        apply(envelope);
        return true;
    }

    /** Why {@link #apply(String, String, JsonNode)} would refuse the record; empty if it would apply it. */
    public static Optional<String> rejection(String topic, String key, JsonNode envelope) {
        JsonNode data = envelope.path("data");
        String dataOrgId = data.hasNonNull("orgId") ? data.get("orgId").asString(data.get("orgId").toString()) : null;
        return EventProvenance.rejection(topic, key, text(envelope, "source"), text(envelope, "subject"), text(envelope, "type"), dataOrgId);
    }

    /**
     * Applies one event envelope (as JSON tree) whose provenance the caller has checked; types it does not
     * follow are ignored.
     */
    public void apply(JsonNode envelope) {
        String type = envelope.path("type").asString("");
        JsonNode data = envelope.path("data");
        UUID orgId = uuid(data, "orgId");
        if (orgId == null) {
            return;
        }
        UUID userId = uuid(data, "userId");
        if (type.equals(EventCatalog.MEMBER_JOINED.name())) {
            put(orgId, userId, data.path("role").asString(null), Status.ACTIVE);
        } else if (type.equals(EventCatalog.MEMBER_REACTIVATED.name())) {
            update(orgId, userId, current -> current.status() == Status.DEACTIVATED
                    ? new Membership(orgId, userId, data.path("role").asString(current.role()), Status.ACTIVE) : current);
        } else if (type.equals(EventCatalog.MEMBER_ROLE_CHANGED.name())) {
            update(orgId, userId, current -> new Membership(orgId, userId, data.path("role").asString(current.role()), current.status()));
        } else if (type.equals(EventCatalog.MEMBER_REMOVED.name())) {
            setStatus(orgId, userId, Status.REMOVED);
        } else if (type.equals(EventCatalog.MEMBER_DEACTIVATED.name())) {
            Membership current = userId == null ? null : memberships.get(new Key(orgId, userId));
            if (current == null || current.status() != Status.REMOVED) {
                setStatus(orgId, userId, Status.DEACTIVATED);
            }
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

    /** Changes a known membership; an unknown one stays unknown. */
    private void update(UUID orgId, UUID userId, UnaryOperator<Membership> change) {
        if (userId != null) {
            memberships.computeIfPresent(new Key(orgId, userId), (key, current) -> change.apply(current));
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
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    private static String text(JsonNode envelope, String field) {
        JsonNode value = envelope.get(field);
        return value == null || value.isNull() ? null : value.asString(value.toString());
    }
}
