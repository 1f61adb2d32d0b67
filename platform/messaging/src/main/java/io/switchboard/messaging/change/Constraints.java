package io.switchboard.messaging.change;

import io.r2dbc.postgresql.api.PostgresqlException;
import java.util.Optional;

/**
 * Recognises a database constraint violation by the constraint's name, as PostgreSQL reports it in the
 * driver's typed exception (the cause of Spring's translated one), never by the wording of a message.
 */
public final class Constraints {

    private Constraints() {
    }

    public static Optional<String> violated(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PostgresqlException postgres) {
                return postgres.getErrorDetails().getConstraintName();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    public static boolean violated(Throwable error, String constraint) {
        return violated(error).filter(constraint::equals).isPresent();
    }
}
