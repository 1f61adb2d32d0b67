/**
 * How a change is made: domain transitions return a {@link io.switchboard.messaging.change.Change} (result,
 * events, audit lines); {@link io.switchboard.routing.change.OrgWrites} runs one organization's write in one
 * transaction, serialized per organization, and appends the events and audit records to the outbox.
 */
package io.switchboard.routing.change;
