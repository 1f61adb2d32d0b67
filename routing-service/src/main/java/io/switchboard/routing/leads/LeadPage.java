package io.switchboard.routing.leads;

import java.util.List;

/** One page of a portal's leads, newest first; {@code nextBefore} fetches the next (null: no more). */
record LeadPage(List<LeadView> items, String nextBefore) {
}
