package io.switchboard.org.access;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.GrantRules;
import io.switchboard.events.access.Permission;
import io.switchboard.events.access.PortalRole;
import io.switchboard.web.ProblemException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * No escalation, ever: nobody grants a role or a permission they do not hold, and nobody manages a member
 * more powerful than themselves. Pure functions, so the whole matrix is unit-testable.
 */
public final class EscalationRules {

    private EscalationRules() {
    }

    /** Whether the actor may change, remove or deactivate the target at all. */
    public static void requireCanManage(Member actor, Member target) {
        Optional<BuiltInRole> targetRole = target.builtInRole();
        if (targetRole.orElse(null) == BuiltInRole.OWNER && !actor.isOwner()) {
            throw ProblemException.forbidden("Only an owner can change an owner.");
        }
        if (actor.builtInRole().orElse(null) == BuiltInRole.MANAGER
                && targetRole.filter(r -> r == BuiltInRole.AGENT || r == BuiltInRole.VIEWER).isEmpty()) {
            throw ProblemException.forbidden("Managers manage agents and viewers only.");
        }
        if (!actor.isOwner() && !actor.permissions().containsAll(target.permissions())) {
            throw ProblemException.forbidden("You cannot manage a member who holds permissions you do not hold.");
        }
    }

    public static final String OUTSIDE_REACH = "Managers manage members of the portals they manage.";

    /**
     * A built-in MANAGER's member rights (role change, deactivation, reactivation, removal) reach only members
     * of a portal where the MANAGER is portal MANAGER. OWNER, ADMIN and custom roles are not limited by portals.
     *
     * @param actorPortals  the actor's portals and their portal role in each
     * @param targetPortals the portals the target is a member of (any portal role)
     */
    public static void requireWithinReach(Member actor, Map<UUID, PortalRole> actorPortals, Collection<UUID> targetPortals) {
        if (actor.builtInRole().orElse(null) != BuiltInRole.MANAGER) {
            return;
        }
        boolean shared = targetPortals.stream().anyMatch(portal -> actorPortals.get(portal) == PortalRole.MANAGER);
        if (!shared) {
            throw ProblemException.forbidden(OUTSIDE_REACH);
        }
    }

    /**
     * Whether the actor may give someone this role, whose permissions are {@code granted}, by role change: the
     * organization's setting that lets MANAGERs invite MANAGERs never applies here (a MANAGER never makes
     * someone MANAGER by role change).
     */
    public static void requireCanGrant(Member actor, String role, Set<Permission> granted) {
        GrantRules.refusal(actor.role(), actor.permissions(), role, granted, false).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
    }
}
