package io.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberReactivated;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.org.OrganizationCreated;
import io.switchboard.testing.Events;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What org-service's events do to portals: the default portal, joins into portals, removal, deactivation. */
class OrgEventsTest extends PortalIntegrationTest {

    private final Person owner = person("owner");
    private final Person admin = person("admin");
    private final Person agent = person("agent");
    private final Person viewer = person("viewer");

    @Test
    void organizationCreated_makesSalesPortal_once_evenReplayed_orDeliveredAgainWithAnotherId() throws Exception {
        UUID org = UUID.randomUUID();
        Events.Envelope created = Events.envelope(EventCatalog.ORGANIZATION_CREATED, org, new OrganizationCreated(org, "Acme", "FREE_TRIAL", owner.id()))
                .withActor(owner.id().toString());
        EVENTS.publish(created);
        join(org, owner, "OWNER");
        await().atMost(Duration.ofSeconds(20)).until(() -> defaultPortal(org) != null);

        EVENTS.publish(created);
        EVENTS.publish(Events.envelope(EventCatalog.ORGANIZATION_CREATED, org, new OrganizationCreated(org, "Acme", "FREE_TRIAL", owner.id())));
        join(org, agent, "AGENT"); // after both on the same partition: once the agent is in, both deliveries were handled

        assertThat(count("select count(*) from portals where org_id = :org", org)).isEqualTo(1);
        JsonNode portals = body(get(owner, "/api/orgs/{org}/portals", org).expectStatus().isOk());
        assertThat(portals).hasSize(1);
        assertThat(portals.get(0).get("name").asString()).isEqualTo("Sales Portal");
        assertThat(portals.get(0).get("isDefault").asBoolean()).isTrue();
        assertThat(portals.get(0).get("memberCount").asInt()).isEqualTo(1);

        List<JsonNode> published = events(Topics.PORTAL_PORTALS, "portal.portal.created", org, 1);
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().path("source").asString()).isEqualTo("portal-service");
        assertThat(published.getFirst().path("data").path("isDefault").asBoolean()).isTrue();
        List<JsonNode> audit = events(Topics.PORTAL_AUDIT, "portal.audit.recorded", org, 2);
        assertThat(audit).extracting(e -> e.path("data").path("action").asString()).contains("portal.created", "portal.member-added");
        JsonNode portalCreated = audit.stream().filter(e -> e.path("data").path("action").asString().equals("portal.created")).findFirst().orElseThrow();
        assertThat(portalCreated.path("data").path("actorId").asString()).isEqualTo(owner.id().toString());
    }

    @Test
    void joinNamingTwoPortals_putsTheMemberInBoth_andNotInTheDefaultPortal() {
        UUID org = newOrg(owner);
        UUID support = createPortal(org, owner, "Support");
        UUID billing = createPortal(org, owner, "Billing");

        join(org, agent, "AGENT", support, billing, UUID.randomUUID());

        await().atMost(Duration.ofSeconds(20)).until(() -> portalRole(billing, agent.id()) != null);
        assertThat(portalRole(support, agent.id())).isEqualTo("EMPLOYEE");
        assertThat(portalRole(billing, agent.id())).isEqualTo("EMPLOYEE");
        assertThat(portalRole(defaultPortal(org), agent.id())).isNull();
        assertThat(available(support, agent.id())).isTrue();
        JsonNode mine = body(get(agent, "/api/orgs/{org}/portals", org).expectStatus().isOk());
        assertThat(mine).extracting(p -> p.get("name").asString()).containsExactlyInAnyOrder("Support", "Billing");
        assertThat(mine).extracting(p -> p.get("myPortalRole").asString()).containsOnly("EMPLOYEE");
        assertThat(events(Topics.PORTAL_PORTALS, "portal.member.added", org, 2))
                .extracting(e -> e.path("data").path("portalId").asString()).contains(support.toString(), billing.toString());
        assertThat(events(Topics.PORTAL_AVAILABILITY, "portal.availability.changed", org, 2))
                .extracting(e -> e.path("data").path("reason").asString()).containsOnly("JOINED");
    }

    @Test
    void joinNamingNoPortal_putsAnAgentInTheDefaultPortal_butNotAnAdminOrViewer() {
        UUID org = newOrg(owner);

        join(org, agent, "AGENT");
        join(org, admin, "ADMIN");
        join(org, viewer, "VIEWER");

        UUID sales = defaultPortal(org);
        assertThat(portalRole(sales, agent.id())).isEqualTo("EMPLOYEE");
        assertThat(portalRole(sales, admin.id())).isNull();
        assertThat(portalRole(sales, viewer.id())).isNull();
        JsonNode members = body(get(admin, "/api/orgs/{org}/portals/{portal}/members", org, sales).expectStatus().isOk());
        assertThat(members).singleElement().satisfies(m -> {
            assertThat(m.get("userId").asString()).isEqualTo(agent.id().toString());
            assertThat(m.get("displayName").asString()).isEqualTo("Portal agent");
            assertThat(m.get("email").asString()).isEqualTo(agent.email);
            assertThat(m.get("orgRole").asString()).isEqualTo("AGENT");
            assertThat(m.get("portalRole").asString()).isEqualTo("EMPLOYEE");
            assertThat(m.get("available").asBoolean()).isTrue();
        });
    }

    @Test
    void removal_takesTheMemberOutOfEveryPortal_andRecordsThemAway() {
        UUID org = newOrg(owner);
        UUID support = createPortal(org, owner, "Support");
        UUID sales = defaultPortal(org);
        join(org, agent, "AGENT", support, sales);
        await().atMost(Duration.ofSeconds(20)).until(() -> portalRole(sales, agent.id()) != null);

        EVENTS.publish(Events.envelope(EventCatalog.MEMBER_REMOVED, org, new MemberRemoved(org, agent.id())).withActor(owner.id().toString()));

        await().atMost(Duration.ofSeconds(20)).until(() -> portalRole(support, agent.id()) == null && portalRole(sales, agent.id()) == null);
        for (UUID portal : List.of(support, sales)) {
            JsonNode newest = log(owner, org, portal).getFirst();
            assertThat(newest.get("userId").asString()).isEqualTo(agent.id().toString());
            assertThat(newest.get("available").asBoolean()).isFalse();
            assertThat(newest.get("reason").asString()).isEqualTo("MEMBER_REMOVED");
            assertThat(newest.get("changedBy").asString()).isEqualTo(owner.id().toString());
        }
        assertThat(events(Topics.PORTAL_PORTALS, "portal.member.removed", org, 2))
                .extracting(e -> e.path("data").path("reason").asString()).containsOnly("MEMBER_REMOVED");
        assertThat(events(Topics.PORTAL_AUDIT, "portal.audit.recorded", org, 1))
                .filteredOn(e -> e.path("data").path("action").asString().equals("portal.member-removed")).hasSize(2);

        join(org, agent, "AGENT");
        await().atMost(Duration.ofSeconds(20)).until(() -> portalRole(sales, agent.id()) != null);
        assertThat(available(sales, agent.id())).isTrue();
    }

    @Test
    void deactivation_makesAwayEverywhere_keepsTheMember_andReactivationKeepsThemAway() {
        UUID org = newOrg(owner);
        UUID support = createPortal(org, owner, "Support");
        UUID sales = defaultPortal(org);
        join(org, agent, "AGENT", support, sales);
        await().atMost(Duration.ofSeconds(20)).until(() -> portalRole(sales, agent.id()) != null);

        EVENTS.publish(Events.envelope(EventCatalog.MEMBER_DEACTIVATED, org, new MemberDeactivated(org, agent.id())).withActor("system"));

        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.FALSE.equals(available(support, agent.id())) && Boolean.FALSE.equals(available(sales, agent.id())));
        JsonNode newest = log(owner, org, support).getFirst();
        assertThat(newest.get("reason").asString()).isEqualTo("MEMBER_DEACTIVATED");
        assertThat(newest.get("changedBy").isNull()).isTrue();
        assertThat(portalRole(support, agent.id())).isEqualTo("EMPLOYEE");
        // a deactivated member is not made available by anyone
        setAvailability(owner, org, support, agent, true).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/member-deactivated");

        EVENTS.publish(Events.envelope(EventCatalog.MEMBER_REACTIVATED, org, new MemberReactivated(org, agent.id(), "AGENT")));
        await().atMost(Duration.ofSeconds(20)).until(() -> "AGENT".equals(orgRole(org, agent.id())));
        assertThat(available(support, agent.id())).isFalse();
        setAvailability(agent, org, support, agent, true).expectStatus().isOk();
    }

    @Test
    void awaySwitch_makesTheCallerAwayInEveryPortal_withOneLogEntryEach() {
        UUID org = newOrg(owner);
        UUID support = createPortal(org, owner, "Support");
        UUID billing = createPortal(org, owner, "Billing");
        join(org, agent, "AGENT", support, billing);
        await().atMost(Duration.ofSeconds(20)).until(() -> portalRole(billing, agent.id()) != null);
        setAvailability(agent, org, billing, agent, false).expectStatus().isOk();

        JsonNode result = body(put(agent, Map.of("available", false, "note", "holiday"), "/api/orgs/{org}/portals/availability", org).expectStatus().isOk());

        assertThat(result).hasSize(2);
        assertThat(result).extracting(p -> p.get("available").asBoolean()).containsOnly(false);
        assertThat(available(support, agent.id())).isFalse();
        assertThat(log(owner, org, support)).filteredOn(e -> e.get("reason").asString().equals("AWAY_SWITCH")).singleElement()
                .satisfies(e -> assertThat(e.get("note").asString()).isEqualTo("holiday"));
        // billing was already away: left alone
        assertThat(log(owner, org, billing)).filteredOn(e -> e.get("reason").asString().equals("AWAY_SWITCH")).isEmpty();

        put(agent, Map.of("available", true), "/api/orgs/{org}/portals/availability", org).expectStatus().isOk();
        assertThat(available(support, agent.id())).isTrue();
        assertThat(available(billing, agent.id())).isTrue();
        assertThat(log(owner, org, billing)).filteredOn(e -> e.get("reason").asString().equals("AWAY_SWITCH")).hasSize(1);
    }
}
