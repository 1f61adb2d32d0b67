package io.switchboard.events;

import java.util.Optional;
import java.util.UUID;

/**
 * Whether a record on a topic may be believed before anything acts on it: its envelope's {@code source} owns
 * the topic ({@link Topics#owners}), its {@code subject} is an orgId equal to the record key (on a state topic, to
 * the key's {@code <orgId>:} part) and to the data's
 * {@code orgId} (when the data has one), and an event type the catalog knows travels on this topic. Pure:
 * the shared consumer path (platform/messaging) and the membership projection both ask it.
 */
public final class EventProvenance {

    private static final int MAX_QUOTED = 80;

    /**
     * @param topic     the topic the record was read from
     * @param key       the record key (null when absent)
     * @param source    the envelope's {@code source}
     * @param subject   the envelope's {@code subject}
     * @param type      the envelope's {@code type}
     * @param dataOrgId the envelope data's {@code orgId}, null when the data has none
     * @return why the record must not be believed; empty when it may
     */
    public static Optional<String> rejection(String topic, String key, String source, String subject, String type, String dataOrgId) {
        if (!Topics.isOwner(source, topic)) {
            return Optional.of(Topics.owners(topic).isEmpty()
                    ? "no producer may publish on " + quote(topic)
                    : "source " + quote(source) + " may not publish on " + quote(topic));
        }
        UUID org = uuid(subject);
        if (org == null) {
            return Optional.of("subject " + quote(subject) + " is not an orgId");
        }
        if (!org.equals(uuid(Topics.orgPartOfKey(topic, key)))) {
            return Optional.of("record key " + quote(key) + " does not match subject " + org);
        }
        if (dataOrgId != null && !org.equals(uuid(dataOrgId))) {
            return Optional.of("data.orgId " + quote(dataOrgId) + " does not match subject " + org);
        }
        if (type == null || type.isBlank()) {
            return Optional.of("envelope has no type");
        }
        Optional<EventType<?>> known = EventCatalog.byName(type);
        if (known.isPresent() && !known.get().topic().equals(topic)) {
            return Optional.of("type " + quote(type) + " does not travel on " + quote(topic));
        }
        return Optional.empty();
    }

    private static UUID uuid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    /** Attacker-chosen text goes into headers and logs: printable ASCII only, and short. */
    static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < MAX_QUOTED; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return value.length() > MAX_QUOTED ? out + "..." : out.toString();
    }

    private EventProvenance() {
    }
}
