package io.switchboard.routing.leadstatus;

/** One of an organization's lead statuses: a stable slug id, a name, and its outcome. */
public record LeadStatus(String id, String name, LeadOutcome outcome) {
}
