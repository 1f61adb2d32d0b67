package io.switchboard.notification.postgres;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;

/** The driver's own ConnectionFactory behind a pool: a LISTEN connection of its own, never one borrowed from the pool. */
public final class DirectConnections {

    private DirectConnections() {
    }

    public static ConnectionFactory unwrap(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            current = inner;
        }
        return current;
    }
}
