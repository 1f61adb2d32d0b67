/**
 * Teams (routing groups) in a portal: members who are in the portal, and a strategy (ROUND_ROBIN, LOAD_BALANCED,
 * MANUAL) for the work that targets the team. Changes that may let queued work through drain the queues at once.
 */
package io.switchboard.routing.teams;
