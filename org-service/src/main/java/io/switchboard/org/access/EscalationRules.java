package io.switchboard.org.access;

import io.switchboard.events.access.BuiltInRole;
import io.switchboard.events.access.GrantRules;
import io.switchboard.events.access.Permission;
import io.switchboard.web.ProblemException;
import java.util.Optional;
import java.util.Set;

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

    /** Whether the actor may give someone this role, whose permissions are {@code granted}. */
    public static void requireCanGrant(Member actor, String role, Set<Permission> granted) {
        GrantRules.refusal(actor.role(), actor.permissions(), role, granted).ifPresent(reason -> {
            throw ProblemException.forbidden(reason);
        });
    }
}
