package io.switchboard.identity.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.Topics;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Finding 8: no usable invitation token anywhere but the mail. After failed accepts, the raw token is in no
 * table of identity-service (the outbox payload is cleared once relayed), on no identity topic, not on the
 * mail topic's DLT, in no log line; the mail request itself (which must carry the link) sits on a topic that
 * keeps records a day at most. notification-service's own test shows its delivery rows keep no body.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenAtRestTest extends IdentityIntegrationTest {

    @Autowired DatabaseClient db;

    @Test
    void failedAccepts_leaveTheInvitationTokenNowhereButTheMailRequest(CapturedOutput output) throws Exception {
        Org org = org();
        String email = address("at-rest");
        invited(org, org.owner(), email, "AGENT");
        String token = invitationToken(email, 1);

        post("/api/invitations/" + token + "/accept", null, Map.of("fullName", "Weak", "password", "short")).expectStatus().isBadRequest();
        post("/api/invitations/" + token + "/accept", person("intruder"), null).expectStatus().isForbidden();
        post("/api/invitations/accept", null, Map.of("token", token, "password", "no-name-2026")).expectStatus().isBadRequest();
        web.get().uri("/api/invitations/{token}/nothing-here", token).exchange().expectStatus().is4xxClientError();

        await().atMost(Duration.ofSeconds(20)).until(() -> db.sql("select count(*) from outbox where event_key = :org and sent_at is null")
                .bind("org", org.id().toString()).map(row -> row.get(0, Long.class)).one().block() == 0);
        List<String> tables = db.sql("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'")
                .map(row -> row.get(0, String.class)).all().collectList().block();
        for (String table : tables) {
            List<String> rows = db.sql("select t::text from " + table + " t").map(row -> row.get(0, String.class)).all().collectList().block();
            assertThat(rows).as("table " + table).noneMatch(row -> row.contains(token));
        }

        assertThat(EVENTS.records(Topics.IDENTITY_INVITATIONS)).noneMatch(record -> String.valueOf(record.value()).contains(token));
        assertThat(EVENTS.records(Topics.deadLetter(Topics.NOTIFICATION_EMAIL_REQUESTS))).noneMatch(record -> String.valueOf(record.value()).contains(token));
        assertThat(EVENTS.records(Topics.NOTIFICATION_EMAIL_REQUESTS).stream().filter(record -> record.value().contains(token)))
                .as("only the one mail request carries the link").hasSize(1);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.NOTIFICATION_EMAIL_REQUESTS);
            long retention = Long.parseLong(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("retention.ms").value());
            assertThat(retention).isPositive().isLessThanOrEqualTo(Duration.ofDays(1).toMillis());
        }

        assertThat(output.getAll()).as("no log line holds the token").doesNotContain(token);
    }
}
