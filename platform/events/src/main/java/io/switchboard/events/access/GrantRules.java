package io.switchboard.events.access;

import java.util.Optional;
import java.util.Set;

/**
 * No escalation: whether someone holding {@code actorRole} (built-in name or {@code custom:<id>}) and
 * {@code actorPermissions} may give a role whose permissions are {@code granted}, by role change or by
 * invitation. Shared by org-service and identity-service so both refuse the same things.
 */
public final class GrantRules {

    private GrantRules() {
    }

    /** Why the grant is refused, or empty if it is allowed (MANAGERs give AGENT and VIEWER only). */
    public static Optional<String> refusal(String actorRole, Set<Permission> actorPermissions, String role, Set<Permission> granted) {
        return refusal(actorRole, actorPermissions, role, granted, false);
    }

    /**
     * Why the grant is refused, or empty if it is allowed. {@code managersMayGiveManager} is the organization's
     * setting that lets MANAGERs invite MANAGERs too (invitations only; a role change never uses it).
     */
    public static Optional<String> refusal(String actorRole, Set<Permission> actorPermissions, String role, Set<Permission> granted,
                                           boolean managersMayGiveManager) {
        BuiltInRole actor = BuiltInRole.byName(actorRole).orElse(null);
        BuiltInRole target = BuiltInRole.byName(role).orElse(null);
        if (target == BuiltInRole.OWNER && actor != BuiltInRole.OWNER) {
            return Optional.of("Only an owner can make someone an owner.");
        }
        if (target == BuiltInRole.ADMIN && actor != BuiltInRole.OWNER && actor != BuiltInRole.ADMIN) {
            return Optional.of("Only owners and admins can make someone an admin.");
        }
        if (actor == BuiltInRole.MANAGER && target != BuiltInRole.AGENT && target != BuiltInRole.VIEWER
                && !(managersMayGiveManager && target == BuiltInRole.MANAGER)) {
            return Optional.of(managersMayGiveManager ? "Managers can give the AGENT, VIEWER and MANAGER roles only."
                    : "Managers can give the AGENT and VIEWER roles only (an organization setting may allow MANAGER too).");
        }
        if (!actorPermissions.containsAll(granted)) {
            return Optional.of("You cannot grant permissions you do not hold.");
        }
        return Optional.empty();
    }
}
