package io.switchboard.org.change;

import java.util.Map;

/** One line of the audit log: what was done to which target, and the state before and after. */
public record AuditEntry(String action, String target, Map<String, ?> before, Map<String, ?> after) {

    public AuditEntry {
        before = before == null ? Map.of() : before;
        after = after == null ? Map.of() : after;
    }
}
