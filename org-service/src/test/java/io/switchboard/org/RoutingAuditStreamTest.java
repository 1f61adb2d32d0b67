package io.switchboard.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.audit.AuditRecorded;
import io.switchboard.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * routing-service's audit entries ({@code routing.audit.v1}) reach the organization's one audit log, once each, and
 * only with routing-service's own actions (routing., team., client., conversation.). Records published on the real
 * broker as routing-service would.
 */
class RoutingAuditStreamTest extends OrgIntegrationTest {

    @Test
    void routingAuditEntry_appearsInTheAuditLog_withActorAndBeforeAfter_once() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        UUID agent = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        Instant at = Instant.parse("2026-03-01T09:30:00.123456Z");
        Events.Envelope profile = Events.envelope(EventCatalog.ROUTING_AUDIT_RECORDED, org, new AuditRecorded(org, alice.id(),
                "routing.profile.updated", "user:" + agent, Map.of("capacities", Map.of("SMS", 2)),
                Map.of("capacities", Map.of("SMS", 3)), at));
        OrgApi.EVENTS.publish(profile);
        OrgApi.EVENTS.publish(profile);
        OrgApi.EVENTS.publish(EventCatalog.ROUTING_AUDIT_RECORDED, org, new AuditRecorded(org, alice.id(), "conversation.assigned.forced",
                "conversation:" + conversation, Map.of(), Map.of("assigneeId", agent.toString(), "openOnChannel", 4, "capacity", 3),
                at.plusSeconds(1)));
        // same key, same partition: once the second entry is in, both copies of the first were handled
        await().atMost(Duration.ofSeconds(20)).until(() -> count(org, "conversation.assigned.forced") == 1);
        assertThat(count(org, "routing.profile.updated")).isOne();

        web.get().uri("/api/orgs/{org}/audit-log", org).header("Authorization", "Bearer " + alice.token()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.entries[0].action").isEqualTo("conversation.assigned.forced")
                .jsonPath("$.entries[0].actorId").isEqualTo(alice.id().toString())
                .jsonPath("$.entries[0].target").isEqualTo("conversation:" + conversation)
                .jsonPath("$.entries[0].after.assigneeId").isEqualTo(agent.toString())
                .jsonPath("$.entries[0].after.capacity").isEqualTo(3)
                .jsonPath("$.entries[1].action").isEqualTo("routing.profile.updated")
                .jsonPath("$.entries[1].actorId").isEqualTo(alice.id().toString())
                .jsonPath("$.entries[1].target").isEqualTo("user:" + agent)
                .jsonPath("$.entries[1].before.capacities.SMS").isEqualTo(2)
                .jsonPath("$.entries[1].after.capacities.SMS").isEqualTo(3)
                .jsonPath("$.entries[1].at").isEqualTo("2026-03-01T09:30:00.123456Z");
    }

    @Test
    void routingServiceRecordingAMemberAction_isRefusedToTheDeadLetterTopic() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        Events.Envelope impersonating = Events.envelope(EventCatalog.ROUTING_AUDIT_RECORDED, org, new AuditRecorded(org, alice.id(),
                "member.removed", "user:" + UUID.randomUUID(), Map.of(), Map.of(), Instant.now()));
        OrgApi.EVENTS.publish(impersonating);
        var dead = OrgApi.EVENTS.await(Topics.deadLetter(Topics.ROUTING_AUDIT), Events.withEventId(impersonating.id()), Duration.ofSeconds(30));
        assertThat(Events.header(dead, "x-switchboard-rejected")).hasValueSatisfying(reason -> assertThat(reason).contains("member.removed"));
        assertThat(count(org, "member.removed")).isZero();
    }

    @Test
    void routingAuditEntryPublishedByPortalService_isRefused() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        Events.Envelope forged = Events.envelope(EventCatalog.ROUTING_AUDIT_RECORDED, org, new AuditRecorded(org, alice.id(),
                "team.created", "team:" + UUID.randomUUID(), Map.of(), Map.of("name", "Night shift"), Instant.now()))
                .withSource(Topics.PORTAL_SERVICE);
        OrgApi.EVENTS.publish(forged);
        OrgApi.EVENTS.await(Topics.deadLetter(Topics.ROUTING_AUDIT), Events.withEventId(forged.id()), Duration.ofSeconds(30));
        assertThat(count(org, "team.created")).isZero();
    }

    private long count(UUID org, String action) {
        return db.sql("select count(*) from audit_log where org_id = :org and action = :action").bind("org", org).bind("action", action)
                .map(row -> row.get(0, Long.class)).one().block();
    }
}
