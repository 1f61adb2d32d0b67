package io.switchboard.routing.clients;

import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

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

    static ProblemException hasQueuedWork(UUID clientId, long queued) {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.of("client-has-queued-work"), "client " + clientId + " has " + queued
                + " conversation(s) waiting in a queue; assign or close them before deleting the client.",
                Map.of("queued", queued, "errors", List.of(Map.of("field", "clientId", "message", "has queued work"))));
    }
}
