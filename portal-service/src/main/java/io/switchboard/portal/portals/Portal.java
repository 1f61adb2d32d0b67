package io.switchboard.portal.portals;

import static io.switchboard.messaging.change.AuditEntry.fields;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.portal.PortalArchived;
import io.switchboard.events.portal.PortalCreated;
import io.switchboard.events.portal.PortalUpdated;
import io.switchboard.messaging.change.AuditEntry;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.PendingEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A portal (department, team workspace) of an organization. Names are trimmed, 1..100 characters (unique per
 * organization ignoring case: the database's index decides that); descriptions at most 500; the accent colour
 * is {@code #rrggbb} or none. The default portal ("Sales Portal") can be renamed but never archived.
 */
public record Portal(UUID id, UUID orgId, String name, String description, String accentColor, boolean isDefault,
                     Instant createdAt, Instant archivedAt) {

    public static final String DEFAULT_NAME = "Sales Portal";
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 500;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    public boolean isArchived() {
        return archivedAt != null;
    }

    /** A new portal; 400 naming the field for a bad name, description or colour. */
    static Change<Portal> create(UUID orgId, String name, String description, String accentColor, boolean isDefault, Instant now) {
        Portal portal = new Portal(UUID.randomUUID(), orgId, checkedName(name), checkedDescription(description), checkedColor(accentColor),
                isDefault, now, null);
        return Change.of(portal,
                PendingEvent.of(EventCatalog.PORTAL_CREATED, new PortalCreated(orgId, portal.id, portal.name, portal.description,
                        portal.accentColor, isDefault)),
                new AuditEntry("portal.created", portal.target(), Map.of(), portal.auditState()));
    }

    /** The organization's default portal, "Sales Portal". */
    static Change<Portal> createDefault(UUID orgId, Instant now) {
        return create(orgId, DEFAULT_NAME, null, null, true, now);
    }

    /**
     * Changes the fields given (null: unchanged; an empty description or colour removes it); nothing to
     * publish when nothing changed.
     */
    Change<Portal> update(String newName, String newDescription, String newColor) {
        Portal after = new Portal(id, orgId,
                newName == null ? name : checkedName(newName),
                newDescription == null ? description : checkedDescription(newDescription),
                newColor == null ? accentColor : checkedColor(newColor),
                isDefault, createdAt, archivedAt);
        if (after.equals(this)) {
            return Change.none(this);
        }
        return Change.of(after,
                PendingEvent.of(EventCatalog.PORTAL_UPDATED, new PortalUpdated(orgId, id, after.name, after.description, after.accentColor)),
                new AuditEntry("portal.updated", target(), auditState(), after.auditState()));
    }

    /** Archives the portal (its members leave it, see {@link PortalMember#leave}); 409 for the default portal. */
    Change<Portal> archive(UUID defaultPortalId, Instant now) {
        if (isDefault) {
            throw Problems.defaultPortal();
        }
        Portal after = new Portal(id, orgId, name, description, accentColor, false, createdAt, now);
        return Change.of(after,
                PendingEvent.of(EventCatalog.PORTAL_ARCHIVED, new PortalArchived(orgId, id, defaultPortalId)),
                new AuditEntry("portal.archived", target(), auditState(), fields("portalId", id, "name", name, "archivedAt", now.toString(),
                        "defaultPortalId", defaultPortalId)));
    }

    String target() {
        return "portal:" + id;
    }

    private Map<String, Object> auditState() {
        return fields("portalId", id, "name", name, "description", description, "accentColor", accentColor, "isDefault", isDefault);
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

    static String checkedDescription(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_DESCRIPTION) {
            throw Problems.invalid("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        return trimmed;
    }

    static String checkedColor(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!COLOR.matcher(raw).matches()) {
            throw Problems.invalid("accentColor", "must be a colour like #1a2b3c");
        }
        return raw.toLowerCase();
    }
}
