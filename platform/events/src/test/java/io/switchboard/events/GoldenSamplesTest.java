package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every event type has a golden sample, and its data survives a round trip through the record unchanged. */
class GoldenSamplesTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyEventType_roundTripsItsGoldenSample() throws Exception {
        for (EventType<?> type : EventCatalog.ALL) {
            JsonNode sample = readGolden(type.name());
            assertThat(sample.get("type").asString()).isEqualTo(type.name());
            assertThat(sample.get("dataschema").asString()).isEqualTo(type.dataSchema());
            JsonNode data = sample.get("data");
            Record record = json.treeToValue(data, type.dataType());
            // through text, as on the wire: a long field (waitedMillis) of a small value reads back as an int node
            JsonNode written = json.readTree(json.writeValueAsString(record));
            assertThat(written).as(type.name()).isEqualTo(data);
        }
    }

    @Test
    void everyGoldenSample_namesAnOwnerOfItsTopicAsSource_soConsumersWouldBelieveIt() throws Exception {
        for (EventType<?> type : EventCatalog.ALL) {
            String source = readGolden(type.name()).get("source").asString();
            assertThat(Topics.isOwner(source, type.topic())).as("%s from %s on %s", type.name(), source, type.topic()).isTrue();
        }
    }

    @Test
    void eventTypeNames_areUnique_andFindable() {
        Set<String> names = new HashSet<>();
        for (EventType<?> type : EventCatalog.ALL) {
            assertThat(names.add(type.name())).as("duplicate " + type.name()).isTrue();
            assertThat(EventCatalog.byName(type.name())).contains(type);
        }
        assertThat(EventCatalog.byName("org.member.unknown")).isEmpty();
    }

    private JsonNode readGolden(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/events/golden/" + name + ".json")) {
            assertThat(in).as("golden sample for " + name).isNotNull();
            return json.readTree(in);
        }
    }
}
