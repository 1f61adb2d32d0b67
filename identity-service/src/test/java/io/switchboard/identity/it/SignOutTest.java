package io.switchboard.identity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.Topics;
import io.switchboard.events.identity.SessionEnded;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.SignedInUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/me/sign-out} on the real servers: identity.session.ended is published through the outbox, keyed by
 * the person, carrying the sid only hashed; the Keycloak session ends (its refresh token is refused); another session
 * of the same person goes on.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignOutTest extends IdentityIntegrationTest {

    @Test
    void signOut_publishesTheHashedSession_andEndsItInKeycloak_only(CapturedOutput output) {
        String email = "dana-" + UUID.randomUUID() + "@acme.test";
        RealServers.keycloak().createUser(email, PASSWORD, "Dana", "Device");
        JsonNode phone = RealServers.keycloak().signIn(email, PASSWORD);
        JsonNode laptop = RealServers.keycloak().signIn(email, PASSWORD);
        SignedInUser onPhone = SignedInUser.of(email, phone.get("access_token").asString());
        String sid = onPhone.claims().path("sid").asString(null);
        assertThat(sid).as("Keycloak's access token names its session").isNotBlank();
        assertThat(SignedInUser.claims(laptop.get("access_token").asString()).path("sid").asString()).as("a second sign-in is another session")
                .isNotEqualTo(sid);
        Instant before = Instant.now();

        post("/api/me/sign-out", onPhone, Map.of("deviceId", "dana-phone")).expectStatus().isNoContent();

        ConsumerRecord<String, String> record = EVENTS.await(Topics.IDENTITY_SESSIONS,
                r -> onPhone.id().toString().equals(r.key()), Duration.ofSeconds(20));
        JsonNode envelope = JSON.readTree(record.value());
        assertThat(envelope.path("type").asString()).isEqualTo("identity.session.ended");
        assertThat(envelope.path("source").asString()).isEqualTo("identity-service");
        assertThat(envelope.path("subject").asString()).isEqualTo(onPhone.id().toString());
        JsonNode data = envelope.path("data");
        assertThat(data.path("userId").asString()).isEqualTo(onPhone.id().toString());
        assertThat(data.path("sessionHash").asString()).isEqualTo(SessionEnded.hashOf(sid));
        assertThat(data.path("deviceId").asString()).isEqualTo("dana-phone");
        assertThat(Instant.parse(data.path("endedAt").asString())).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(data.has("orgId")).isFalse();
        assertThat(record.value()).as("the raw sid travels nowhere").doesNotContain(sid);

        assertThatThrownBy(() -> RealServers.keycloak().refresh(phone.get("refresh_token").asString()))
                .as("the signed-out session's refresh token").hasMessageContaining("400");
        assertThat(RealServers.keycloak().refresh(laptop.get("refresh_token").asString()).get("access_token").asString())
                .as("the other session's refresh token still works").isNotBlank();
        assertThat(output.getAll()).as("no log line holds the sid").doesNotContain(sid);

        // signing out again: Keycloak no longer knows the session, and that is still a 204
        post("/api/me/sign-out", onPhone, Map.of("deviceId", "dana-phone")).expectStatus().isNoContent();
    }

    @Test
    void theSessionsTopic_isDeclaredWithThreePartitionsAndADaysRetention() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.IDENTITY_SESSIONS)).allTopicNames().get()
                    .get(Topics.IDENTITY_SESSIONS).partitions().size();
            assertThat(partitions).isEqualTo(3);
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.IDENTITY_SESSIONS);
            long retention = Long.parseLong(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("retention.ms").value());
            assertThat(retention).isEqualTo(Duration.ofDays(1).toMillis());
        }
    }
}
