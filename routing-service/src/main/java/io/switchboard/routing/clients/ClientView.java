package io.switchboard.routing.clients;

import java.time.Instant;
import java.util.UUID;

/** A client as the API shows it. */
record ClientView(UUID id, String name, Instant createdAt) {

    static ClientView of(Client client) {
        return new ClientView(client.id(), client.name(), client.createdAt());
    }
}
