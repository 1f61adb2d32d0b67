package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventType;
import io.switchboard.events.org.MemberRemoved;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The envelope serde reads and writes every golden sample unchanged: producers and consumers agree on the wire. */
class EventSerdeGoldenTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final EventSerde serde = new EventSerde("urn:switchboard:org-service",
            Clock.fixed(Instant.parse("2026-11-23T10:15:30.123Z"), ZoneOffset.UTC));

    @Test
    void everyGoldenEnvelope_roundTripsThroughTheSerde() throws Exception {
        for (EventType<?> type : EventCatalog.ALL) {
            String golden = golden(type.name());
            EventEnvelope envelope = serde.fromJson(golden);
            assertThat(envelope.type()).isEqualTo(type.name());
            assertThat(json.readTree(serde.toJson(envelope))).as(type.name()).isEqualTo(json.readTree(golden));
            Record data = serde.data(envelope, type);
            assertThat(data).isInstanceOf(type.dataType());
        }
    }

    @Test
    void producedEnvelope_matchesTheGoldenShape() throws Exception {
        UUID org = UUID.fromString("6f1c2b1e-8d4a-4c1e-9b7a-2f3d4e5a6b7c");
        MemberRemoved removed = new MemberRemoved(org, UUID.fromString("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"));
        EventEnvelope produced = serde.envelope(EventCatalog.MEMBER_REMOVED, org, "0b9f3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d", removed);

        JsonNode expected = json.readTree(golden("org.member.removed"));
        JsonNode actual = json.readTree(serde.toJson(produced));
        assertThat(fieldNames(actual)).isEqualTo(fieldNames(expected));
        assertThat(actual.get("time")).isEqualTo(expected.get("time"));
        assertThat(actual.get("data")).isEqualTo(expected.get("data"));
        assertThat(actual.get("subject")).isEqualTo(expected.get("subject"));
    }

    @Test
    void unknownFields_areIgnored_soProducersMayAddFieldsWithinAVersion() throws Exception {
        String withExtra = golden("org.member.removed")
                .replace("\"userId\"", "\"reason\": \"left the company\", \"userId\"")
                .replace("\"actor\"", "\"traceparent\": \"00-abc-def-01\", \"actor\"");
        EventEnvelope envelope = serde.fromJson(withExtra);
        assertThat(serde.data(envelope, EventCatalog.MEMBER_REMOVED).userId())
                .isEqualTo(UUID.fromString("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"));
    }

    @Test
    void aRecordFromBeforeAPrimitiveFieldWasAdded_readsItAsItsDefault() throws Exception {
        String older = golden("org.organization.updated").replace(", \"managersMayInviteManagers\": false", "")
                .replace(",\n    \"managersMayInviteManagers\": false", "");
        assertThat(older).doesNotContain("managersMayInviteManagers");
        EventEnvelope envelope = serde.fromJson(older);
        assertThat(serde.data(envelope, EventCatalog.ORGANIZATION_UPDATED).managersMayInviteManagers()).isFalse();
        assertThat(serde.data(envelope, EventCatalog.ORGANIZATION_UPDATED).seatLimit()).isEqualTo(10);
    }

    @Test
    void readingDataAsTheWrongType_isRefused() throws Exception {
        EventEnvelope envelope = serde.fromJson(golden("org.member.removed"));
        assertThatThrownBy(() -> serde.data(envelope, EventCatalog.MEMBER_JOINED)).isInstanceOf(IllegalArgumentException.class);
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().sorted().toList();
    }

    private String golden(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/events/golden/" + name + ".json")) {
            assertThat(in).as("golden " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
