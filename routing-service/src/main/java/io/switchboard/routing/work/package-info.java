/**
 * Conversations (and later leads) and where they go: the claim ({@link io.switchboard.routing.work.Claims}),
 * the FIFO queues and their draining ({@link io.switchboard.routing.work.Dispatcher}), manual assignment,
 * notes, and the HTTP API for them.
 */
package io.switchboard.routing.work;
