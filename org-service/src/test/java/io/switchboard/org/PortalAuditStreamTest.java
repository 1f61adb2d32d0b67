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
 * portal-service's audit entries ({@code portal.audit.v1}) reach the organization's one audit log, with their
 * actor, before/after and time, once each. Records published on the real broker as portal-service would.
 */
class PortalAuditStreamTest extends OrgIntegrationTest {

    @Test
    void portalAuditEntry_appearsInTheAuditLog_withActorAndBeforeAfter_once() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        UUID portal = UUID.randomUUID();
        Instant at = Instant.parse("2026-03-01T09:30:00.123456Z");
        Events.Envelope renamed = Events.envelope(EventCatalog.PORTAL_AUDIT_RECORDED, org, new AuditRecorded(org, alice.id(),
                "portal.updated", "portal:" + portal, Map.of("name", "Sales Portal"), Map.of("name", "Inside Sales"), at));
        OrgApi.EVENTS.publish(renamed);
        OrgApi.EVENTS.publish(renamed);
        // no person: the platform made someone away on deactivation
        UUID someone = UUID.randomUUID();
        OrgApi.EVENTS.publish(EventCatalog.PORTAL_AUDIT_RECORDED, org, new AuditRecorded(org, null, "availability.changed",
                "user:" + someone, Map.of("available", true, "portalId", portal.toString()),
                Map.of("available", false, "portalId", portal.toString(), "reason", "MEMBER_DEACTIVATED"), at.plusSeconds(1)));
        // same key, same partition: once the second entry is in, both copies of the first were handled
        await().atMost(Duration.ofSeconds(20)).until(() -> count(org, "availability.changed") == 1);
        assertThat(count(org, "portal.updated")).isOne();

        web.get().uri("/api/orgs/{org}/audit-log", org).header("Authorization", "Bearer " + alice.token()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.entries[0].action").isEqualTo("availability.changed")
                .jsonPath("$.entries[0].actor").isEqualTo("system")
                .jsonPath("$.entries[0].actorId").doesNotExist()
                .jsonPath("$.entries[0].target").isEqualTo("user:" + someone)
                .jsonPath("$.entries[0].before.available").isEqualTo(true)
                .jsonPath("$.entries[0].after.available").isEqualTo(false)
                .jsonPath("$.entries[0].after.reason").isEqualTo("MEMBER_DEACTIVATED")
                .jsonPath("$.entries[1].action").isEqualTo("portal.updated")
                .jsonPath("$.entries[1].actorId").isEqualTo(alice.id().toString())
                .jsonPath("$.entries[1].target").isEqualTo("portal:" + portal)
                .jsonPath("$.entries[1].before.name").isEqualTo("Sales Portal")
                .jsonPath("$.entries[1].after.name").isEqualTo("Inside Sales")
                .jsonPath("$.entries[1].at").isEqualTo("2026-03-01T09:30:00.123456Z")
                .jsonPath("$.entries[2].action").isEqualTo("org.plan-changed");
    }

    @Test
    void auditEntryOfAnUnknownOrganization_isDroppedWithoutDeadLettering() {
        UUID unknown = UUID.randomUUID();
        Events.Envelope entry = OrgApi.EVENTS.publish(EventCatalog.PORTAL_AUDIT_RECORDED, unknown, new AuditRecorded(unknown, alice.id(),
                "portal.created", "portal:" + UUID.randomUUID(), Map.of(), Map.of("name", "Sales Portal"), Instant.now()));
        // handled once and committed (the inbox row only stays when the effect succeeded), nothing appended
        await().atMost(Duration.ofSeconds(20)).until(() -> handled(entry.id()));
        assertThat(db.sql("select count(*) from audit_log where org_id = :org").bind("org", unknown)
                .map(row -> row.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void auditEntryPublishedByAnotherService_isRefused() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        Events.Envelope forged = Events.envelope(EventCatalog.PORTAL_AUDIT_RECORDED, org, new AuditRecorded(org, alice.id(),
                "portal.archived", "portal:" + UUID.randomUUID(), Map.of(), Map.of(), Instant.now())).withSource(Topics.ORG_SERVICE);
        OrgApi.EVENTS.publish(forged);
        OrgApi.EVENTS.await(Topics.deadLetter(Topics.PORTAL_AUDIT), Events.withEventId(forged.id()), Duration.ofSeconds(30));
        assertThat(count(org, "portal.archived")).isZero();
    }

    @Test
    void portalServiceRecordingAnOrgServiceAction_isRefused_soItCannotWriteLinesThatReadAsAnothers() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        Events.Envelope impersonating = Events.envelope(EventCatalog.PORTAL_AUDIT_RECORDED, org, new AuditRecorded(org, alice.id(),
                "member.removed", "user:" + UUID.randomUUID(), Map.of(), Map.of(), Instant.now()));
        OrgApi.EVENTS.publish(impersonating);
        var dead = OrgApi.EVENTS.await(Topics.deadLetter(Topics.PORTAL_AUDIT), Events.withEventId(impersonating.id()), Duration.ofSeconds(30));
        assertThat(Events.header(dead, "x-switchboard-rejected")).hasValueSatisfying(reason -> assertThat(reason).contains("member.removed"));
        assertThat(count(org, "member.removed")).isZero();
    }

    private long count(UUID org, String action) {
        return db.sql("select count(*) from audit_log where org_id = :org and action = :action").bind("org", org).bind("action", action)
                .map(row -> row.get(0, Long.class)).one().block();
    }

    private boolean handled(UUID eventId) {
        return db.sql("select count(*) from inbox where consumer = 'org-service.portal-audit' and event_id = :id").bind("id", eventId)
                .map(row -> row.get(0, Long.class)).one().block() == 1;
    }
}
