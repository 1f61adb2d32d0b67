/**
 * Leads: work items of kind LEAD with a source, a contact and a status of the organization's lead statuses,
 * opened over HTTP or from leads.inbound.v1 and routed by the same claim and queues as conversations (the
 * pseudo-channel LEAD). {@link io.switchboard.routing.leads.Lead} owns a lead's status transitions and the events
 * they raise; a WON or LOST status closes the lead and frees its lead capacity.
 */
package io.switchboard.routing.leads;
