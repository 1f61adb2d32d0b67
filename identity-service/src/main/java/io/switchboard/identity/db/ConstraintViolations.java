package io.switchboard.identity.db;

import io.r2dbc.postgresql.api.PostgresqlException;
import java.util.Optional;

/**
 * Which database constraint a failed write violated, read from the driver's typed exception (PostgreSQL's
 * error fields) that Spring wraps in {@code R2dbcDataIntegrityViolationException} or a
 * {@code DataIntegrityViolationException}: never from the wording of a message.
 */
public final class ConstraintViolations {

    private ConstraintViolations() {
    }

    public static Optional<String> constraintName(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PostgresqlException postgres) {
                return postgres.getErrorDetails().getConstraintName();
            }
        }
        return Optional.empty();
    }

    public static boolean violates(Throwable failure, String constraint) {
        return constraintName(failure).filter(constraint::equals).isPresent();
    }
}
