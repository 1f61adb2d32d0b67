/**
 * Lead statuses: each organization's ordered list (default New, Contacted, Qualified, Won, Lost; ids are stable
 * slugs), the rules of editing it ({@link io.switchboard.routing.leadstatus.LeadStatusList}), and every lead's
 * status history (who, when, from, to). Leads read the list and record their changes through
 * {@link io.switchboard.routing.leadstatus.LeadStatuses}.
 */
package io.switchboard.routing.leadstatus;
