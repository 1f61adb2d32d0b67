package io.switchboard.routing.teams;

import static io.switchboard.messaging.change.AuditEntry.fields;

import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.shared.Strategy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A team of a portal. Names are trimmed, 1..100 characters, unique per portal ignoring case among teams not
 * deleted (the database's partial index decides that); the strategy is required. Deleting one keeps its row for
 * its old work.
 */
public record Team(UUID id, UUID orgId, UUID portalId, String name, Strategy strategy, Instant createdAt, Instant deletedAt) {

    static final int MAX_NAME = 100;

    /** A new team with its first members (already checked to be in the portal); 400 naming the field at fault. */
    static Change<Team> create(UUID orgId, UUID portalId, String name, Strategy strategy, Collection<UUID> memberIds, Instant now) {
        Team team = new Team(UUID.randomUUID(), orgId, portalId, checkedName(name), checkedStrategy(strategy), now, null);
        Map<String, Object> after = team.auditState();
        after.put("memberIds", memberIds.stream().map(UUID::toString).toList());
        return new Change<>(team, List.of(), List.of(new AuditEntry("team.created", team.target(), Map.of(), after)));
    }

    /** Changes the fields given (null: unchanged); nothing to audit when nothing changed. */
    Change<Team> update(String newName, Strategy newStrategy) {
        Team after = new Team(id, orgId, portalId, newName == null ? name : checkedName(newName), newStrategy == null ? strategy : newStrategy,
                createdAt, deletedAt);
        if (after.equals(this)) {
            return Change.none(this);
        }
        return new Change<>(after, List.of(), List.of(new AuditEntry("team.updated", target(), auditState(), after.auditState())));
    }

    /** Whether {@code after} routes differently from this team (its strategy changed): queued work may go now. */
    boolean routesDifferentlyThan(Team after) {
        return strategy != after.strategy;
    }

    Change<Team> delete(Instant now) {
        Team after = new Team(id, orgId, portalId, name, strategy, createdAt, now);
        return new Change<>(after, List.of(), List.of(new AuditEntry("team.deleted", target(), auditState(),
                fields("teamId", id, "portalId", portalId, "name", name, "deletedAt", now.toString()))));
    }

    AuditEntry memberAdded(UUID userId) {
        return new AuditEntry("team.member.added", target(), Map.of(), fields("teamId", id, "portalId", portalId, "userId", userId));
    }

    AuditEntry memberRemoved(UUID userId) {
        return new AuditEntry("team.member.removed", target(), fields("teamId", id, "portalId", portalId, "userId", userId), Map.of());
    }

    String target() {
        return "team:" + id;
    }

    private Map<String, Object> auditState() {
        return fields("teamId", id, "portalId", portalId, "name", name, "strategy", strategy.name());
    }

    static String checkedName(String raw) {
        String trimmed = raw == null ? "" : raw.strip();
        if (trimmed.isEmpty()) {
            throw Problems.invalid("name", "must not be blank");
        }
        if (trimmed.length() > MAX_NAME) {
            throw Problems.invalid("name", "must be at most " + MAX_NAME + " characters");
        }
        return trimmed;
    }

    static Strategy checkedStrategy(Strategy strategy) {
        if (strategy == null) {
            throw Problems.invalid("strategy", "must be one of ROUND_ROBIN, LOAD_BALANCED, MANUAL");
        }
        return strategy;
    }
}
