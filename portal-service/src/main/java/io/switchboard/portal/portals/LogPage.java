package io.switchboard.portal.portals;

import java.util.List;

/** A page of the availability log, newest first; {@code nextBefore} is the {@code before} of the next page (null on the last one). */
record LogPage(List<LogEntry> entries, Long nextBefore) {
}
