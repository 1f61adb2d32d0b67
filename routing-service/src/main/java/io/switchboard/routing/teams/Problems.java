package io.switchboard.routing.teams;

import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.web.ProblemException;

/** The refusals of this package, as problem+json naming the field at fault. */
final class Problems {

    static final String NAME_TAKEN = "team-name-taken";
    static final String NOT_A_PORTAL_MEMBER = "not-a-portal-member";

    private Problems() {
    }

    static ProblemException invalid(String field, String message) {
        return RoutingProblems.invalid(field, message);
    }

    static ProblemException nameTaken(String name) {
        return RoutingProblems.conflict(NAME_TAKEN, "This portal already has a team named \"" + name + "\".", "name",
                "is already taken in this portal (ignoring case)");
    }

    static ProblemException notAPortalMember(Object userId) {
        return RoutingProblems.conflict(NOT_A_PORTAL_MEMBER, "user " + userId + " is not a member of the team's portal.", "userId",
                "is not a member of the team's portal");
    }

    static ProblemException teamNotFound(Object teamId) {
        return RoutingProblems.notFound("team " + teamId);
    }

    static ProblemException mayNotChange() {
        return RoutingProblems.forbidden("Owners and admins change teams; a portal manager holding routing:manage changes those of their portals.");
    }

    static ProblemException mayNotSee() {
        return RoutingProblems.forbidden("You do not see this team's portal.");
    }
}
