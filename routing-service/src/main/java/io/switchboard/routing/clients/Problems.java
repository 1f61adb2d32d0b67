package io.switchboard.routing.clients;

import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.web.ProblemException;

/** The refusals of this package, as problem+json naming the field at fault. */
final class Problems {

    static final String NAME_TAKEN = "client-name-taken";

    private Problems() {
    }

    static ProblemException invalid(String field, String message) {
        return RoutingProblems.invalid(field, message);
    }

    static ProblemException nameTaken(String name) {
        return RoutingProblems.conflict(NAME_TAKEN, "This organization already has a client named \"" + name + "\".", "name",
                "is already taken (ignoring case)");
    }

    static ProblemException clientNotFound(Object clientId) {
        return RoutingProblems.notFound("client " + clientId);
    }
}
