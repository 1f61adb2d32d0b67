package io.switchboard.events.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry for the organization's audit log, written by a service other than org-service in the same
 * transaction as the change it describes; org-service appends it to the one log. {@code actorId} is the user
 * who made the change (null for the platform itself), {@code target} names what changed (e.g.
 * {@code portal:<id>}, {@code user:<id>}).
 */
public record AuditRecorded(UUID orgId, UUID actorId, String action, String target, Map<String, Object> before,
                            Map<String, Object> after, Instant at) {

    public AuditRecorded {
        before = before == null ? Map.of() : before;
        after = after == null ? Map.of() : after;
    }
}
