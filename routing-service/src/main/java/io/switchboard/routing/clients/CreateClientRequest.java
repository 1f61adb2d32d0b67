package io.switchboard.routing.clients;

import jakarta.validation.constraints.NotBlank;

/** A new client; the name's length and uniqueness are the {@link Client}'s rules. */
record CreateClientRequest(@NotBlank String name) {
}
