package io.switchboard.portal.portals;

import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The refusals of this package, as problem+json naming the field where one is at fault. */
final class Problems {

    static final String DEFAULT_PORTAL = "default-portal";
    static final String NAME_TAKEN = "portal-name-taken";
    static final String MEMBER_DEACTIVATED = "member-deactivated";

    private Problems() {
    }

    static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.", errors(field, message));
    }

    static ProblemException nameTaken(String name) {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of(NAME_TAKEN),
                "This organization already has a portal named \"" + name + "\".", errors("name", "is already taken (ignoring case)"));
    }

    static ProblemException defaultPortal() {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of(DEFAULT_PORTAL),
                "The default portal cannot be archived; rename it instead.");
    }

    static ProblemException portalNotFound(Object portalId) {
        return ProblemException.notFound("portal " + portalId);
    }

    static ProblemException notAnActiveMember(Object userId) {
        return new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "user " + userId + " is not an active member of this organization",
                errors("userId", "is not an active member of this organization"));
    }

    static ProblemException notAPortalMember(Object userId) {
        return new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "user " + userId + " is not a member of this portal",
                errors("userId", "is not a member of this portal"));
    }

    static ProblemException memberDeactivated(Object userId) {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of(MEMBER_DEACTIVATED),
                "user " + userId + " is deactivated in this organization and stays away until reactivated.", errors("available", "a deactivated member cannot be made available"));
    }

    private static Map<String, Object> errors(String field, String message) {
        return Map.of("errors", List.of(Map.of("field", field, "message", message)));
    }
}
