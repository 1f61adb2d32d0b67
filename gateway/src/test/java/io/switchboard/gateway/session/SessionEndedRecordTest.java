package io.switchboard.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.identity.SessionEnded;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Which records of identity.sessions.v1 the gateway believes. */
class SessionEndedRecordTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER = "0b9f3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d";

    @Test
    void theGoldenSample_asIdentityServicePublishesIt_isBelieved() throws Exception {
        SessionEndedRecord read = SessionEndedRecord.read(Topics.IDENTITY_SESSIONS, USER, golden());
        assertThat(read).isEqualTo(new SessionEndedRecord.Ended("mB2tF7r0yZkq3m8C1nHcVw3sXo9pT4uLe6aJdQ5gRiE",
                Instant.parse("2026-12-04T09:15:00.100Z")));
    }

    @Test
    void anotherSource_isRejected() throws Exception {
        ObjectNode envelope = (ObjectNode) JSON.readTree(golden());
        envelope.put("source", "notification-service");
        assertThat(SessionEndedRecord.read(Topics.IDENTITY_SESSIONS, USER, envelope.toString())).isInstanceOf(SessionEndedRecord.Rejected.class);
        envelope.put("source", "org-service");
        assertThat(SessionEndedRecord.read(Topics.IDENTITY_SESSIONS, USER, envelope.toString())).isInstanceOf(SessionEndedRecord.Rejected.class);
    }

    @Test
    void aKeyOrDataUserOtherThanTheSubject_isRejected() throws Exception {
        assertThat(SessionEndedRecord.read(Topics.IDENTITY_SESSIONS, UUID.randomUUID().toString(), golden()))
                .isInstanceOf(SessionEndedRecord.Rejected.class);
        ObjectNode envelope = (ObjectNode) JSON.readTree(golden());
        ((ObjectNode) envelope.get("data")).put("userId", UUID.randomUUID().toString());
        assertThat(SessionEndedRecord.read(Topics.IDENTITY_SESSIONS, USER, envelope.toString()))
                .isEqualTo(new SessionEndedRecord.Rejected("data.userId does not match the subject"));
    }

    @Test
    void anotherTypesRecord_orOneWithoutHashOrTime_isNotActedOn() throws Exception {
        ObjectNode envelope = (ObjectNode) JSON.readTree(golden());
        envelope.put("type", EventCatalog.MEMBER_REMOVED.name()); // a type of another topic
        assertThat(SessionEndedRecord.read(Topics.IDENTITY_SESSIONS, USER, envelope.toString())).isInstanceOf(SessionEndedRecord.Rejected.class);
        envelope.put("type", "identity.session.something-new");
        assertThat(SessionEndedRecord.read(Topics.IDENTITY_SESSIONS, USER, envelope.toString())).isInstanceOf(SessionEndedRecord.Ignored.class);

        ObjectNode noHash = (ObjectNode) JSON.readTree(golden());
        ((ObjectNode) noHash.get("data")).remove("sessionHash");
        assertThat(SessionEndedRecord.read(Topics.IDENTITY_SESSIONS, USER, noHash.toString())).isInstanceOf(SessionEndedRecord.Rejected.class);
        ObjectNode noTime = (ObjectNode) JSON.readTree(golden());
        ((ObjectNode) noTime.get("data")).put("endedAt", "yesterday");
        assertThat(SessionEndedRecord.read(Topics.IDENTITY_SESSIONS, USER, noTime.toString())).isInstanceOf(SessionEndedRecord.Rejected.class);
        assertThat(SessionEndedRecord.read(Topics.IDENTITY_SESSIONS, USER, "not json")).isInstanceOf(SessionEndedRecord.Rejected.class);
        assertThat(SessionEndedRecord.read(Topics.IDENTITY_SESSIONS, USER, null)).isInstanceOf(SessionEndedRecord.Rejected.class);
    }

    @Test
    void theSameEventOnAnotherTopic_isRejected() throws Exception {
        assertThat(SessionEndedRecord.read(Topics.IDENTITY_INVITATIONS, USER, golden())).isInstanceOf(SessionEndedRecord.Rejected.class);
    }

    @Test
    void theRecordCarriesTheHashTheFilterComputes() {
        SessionEnded event = new SessionEnded(UUID.fromString(USER), SessionEnded.hashOf("some-sid"), null, Instant.parse("2026-12-04T09:15:00Z"));
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("id", UUID.randomUUID().toString()).put("type", EventCatalog.SESSION_ENDED.name()).put("source", "identity-service")
                .put("time", "2026-12-04T09:15:00Z").put("subject", USER).put("actor", USER);
        envelope.set("data", JSON.valueToTree(event));
        assertThat(SessionEndedRecord.read(Topics.IDENTITY_SESSIONS, USER, envelope.toString()))
                .isEqualTo(new SessionEndedRecord.Ended(SessionEnded.hashOf("some-sid"), Instant.parse("2026-12-04T09:15:00Z")));
    }

    private static String golden() throws Exception {
        try (InputStream in = SessionEnded.class.getResourceAsStream("/events/golden/identity.session.ended.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
