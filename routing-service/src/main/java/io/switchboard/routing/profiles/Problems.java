package io.switchboard.routing.profiles;

import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The refusals of this package, as problem+json naming every field at fault. */
final class Problems {

    private Problems() {
    }

    static ProblemException invalid(List<RoutingProfile.FieldError> errors) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                Map.of("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList()));
    }

    static ProblemException notAMember(Object userId) {
        return new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "user " + userId + " is not an active member of this organization",
                RoutingProblems.errors("userId", "is not an active member of this organization"));
    }

    static ProblemException mayNotChange() {
        return RoutingProblems.forbidden("Owners and admins set anyone's routing profile; a manager holding routing:manage sets those of "
                + "members of the portals they manage who are no owner or admin.");
    }

    static ProblemException mayNotRead() {
        return RoutingProblems.forbidden("You may read your own routing profile and those you may change.");
    }
}
