package io.switchboard.events;

import java.util.Objects;

/**
 * One kind of event: its wire name (CloudEvents {@code type}, e.g. {@code org.member.removed}), the topic
 * it travels on, the record carrying its data, and the version of that record's schema. The wire name
 * never mentions a Java class; within a version, fields are only added.
 */
public record EventType<T extends Record>(String name, String topic, Class<T> dataType, int version) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(dataType, "dataType");
        if (!name.matches("[a-z]+(\\.[a-z-]+)+")) {
            throw new IllegalArgumentException("event type names are dotted lower-case words: " + name);
        }
    }

    /** The CloudEvents {@code dataschema} attribute. */
    public String dataSchema() {
        return "urn:switchboard:events:" + name + ":v" + version;
    }
}
