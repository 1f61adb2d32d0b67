package io.switchboard.events.lead;

import java.time.Instant;
import java.util.UUID;

/**
 * A channel integration or CRM captured a lead (leads.inbound.v1). {@code externalId} is its id for the lead,
 * unique in the organization: a second {@code lead.received} with the same one is the same lead. {@code teamId}
 * is optional (null: the portal's members). {@code source} says where it came from (e.g. "web-form",
 * "facebook-lead-ads"); the contact fields are optional but at least one of name, email and phone is given.
 */
public record LeadReceived(UUID orgId, String externalId, UUID portalId, UUID teamId, UUID clientId, String source,
                           String contactName, String contactEmail, String contactPhone, String company, String message,
                           Instant receivedAt) {
}
