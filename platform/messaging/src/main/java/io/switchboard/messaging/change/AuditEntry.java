package io.switchboard.messaging.change;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line for the organization's audit log: what was done to which target ({@code portal:<id>},
 * {@code user:<id>}), the state before and after. Values may be null (a portal without description).
 */
public record AuditEntry(String action, String target, Map<String, Object> before, Map<String, Object> after) {

    public AuditEntry {
        before = before == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(before));
        after = after == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(after));
    }

    /** A map that keeps null values and its order: {@code fields("name", "Sales", "description", null)}. */
    public static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
