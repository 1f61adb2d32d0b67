package io.switchboard.routing.clients;

/** Only the fields present change. */
record UpdateClientRequest(String name) {
}
