package io.switchboard.routing.clients;

import static io.switchboard.messaging.change.AuditEntry.fields;

import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A client of an organization. Names are trimmed, 1..100 characters, unique per organization ignoring case
 * among the clients not deleted (the database's partial index decides that). Deleting one keeps the row
 * ({@code deletedAt}): work already opened for it keeps it.
 */
public record Client(UUID id, UUID orgId, String name, Instant createdAt, Instant deletedAt) {

    static final int MAX_NAME = 100;

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** A new client; 400 naming {@code name} for a blank or too long name. */
    static Change<Client> create(UUID orgId, String name, Instant now) {
        Client client = new Client(UUID.randomUUID(), orgId, checkedName(name), now, null);
        return new Change<>(client, List.of(), List.of(new AuditEntry("client.created", client.target(), Map.of(), client.auditState())));
    }

    /** Renames it (null: unchanged); nothing to audit when the name stays the same. */
    Change<Client> rename(String newName) {
        if (newName == null) {
            return Change.none(this);
        }
        String checked = checkedName(newName);
        if (checked.equals(name)) {
            return Change.none(this);
        }
        Client after = new Client(id, orgId, checked, createdAt, deletedAt);
        return new Change<>(after, List.of(), List.of(new AuditEntry("client.renamed", target(), auditState(), after.auditState())));
    }

    /** Deletes it; {@code removedFromProfiles} is how many members' routing profiles lost it (for the audit line). */
    Change<Client> delete(Instant now, long removedFromProfiles) {
        Client after = new Client(id, orgId, name, createdAt, now);
        return new Change<>(after, List.of(), List.of(new AuditEntry("client.deleted", target(), auditState(),
                fields("clientId", id, "name", name, "deletedAt", now.toString(), "removedFromProfiles", removedFromProfiles))));
    }

    String target() {
        return "client:" + id;
    }

    private Map<String, Object> auditState() {
        return fields("clientId", id, "name", name);
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
}
