package io.switchboard.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PushPayloadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void payload_isTitleBodyUrlAndTag() {
        JsonNode json = JSON.readTree(new String(PushPayload.of("Conversation assigned to you", "Customer \"Ann\" on WhatsApp",
                "/orgs/1/portals/2/conversations/3", "conversation:3"), StandardCharsets.UTF_8));
        assertThat(json.get("title").asString()).isEqualTo("Conversation assigned to you");
        assertThat(json.get("body").asString()).isEqualTo("Customer \"Ann\" on WhatsApp");
        assertThat(json.get("url").asString()).isEqualTo("/orgs/1/portals/2/conversations/3");
        assertThat(json.get("tag").asString()).isEqualTo("conversation:3");
        assertThat(json.properties()).hasSize(4);
    }

    @Test
    void longBody_isShortenedToFitOnePushRecord() {
        byte[] payload = PushPayload.of("Title", "ü".repeat(10_000), "/x", "t");
        assertThat(payload.length).isLessThanOrEqualTo(PushPayload.MAX_BYTES);
        JsonNode json = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        assertThat(json.get("title").asString()).isEqualTo("Title");
        assertThat(json.get("body").asString()).startsWith("üüü").endsWith("…");
    }

    @Test
    void topic_isStablePerTag_32Base64UrlCharacters() {
        String topic = PushPayload.topicOf("conversation:6b1f2c3d-0000-4000-8000-000000000001");
        assertThat(topic).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(PushPayload.topicOf("conversation:6b1f2c3d-0000-4000-8000-000000000001")).isEqualTo(topic);
        assertThat(PushPayload.topicOf("lead:1")).isNotEqualTo(topic);
    }
}
