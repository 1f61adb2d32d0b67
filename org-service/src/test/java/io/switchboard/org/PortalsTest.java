package io.switchboard.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.identity.InvitationAccepted;
import io.switchboard.events.portal.PortalArchived;
import io.switchboard.events.portal.PortalMemberAdded;
import io.switchboard.events.portal.PortalMemberRemoved;
import io.switchboard.events.portal.PortalMemberRoleChanged;
import io.switchboard.events.routing.RoutingSetup;
import io.switchboard.testing.Events;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Portals as org-service sees them, from portal-service's records on the real broker: member details list each
 * member's portals, and a MANAGER's member rights reach only the members of the portals they manage.
 */
class PortalsTest extends OrgIntegrationTest {

    private static final String OUTSIDE_REACH = "Managers manage members of the portals they manage.";

    /** An org where carol is an org MANAGER and portal MANAGER of sales; one agent works in sales, one in support. */
    private record Setting(UUID org, UUID sales, UUID support, UUID inSales, UUID inSupport) {
    }

    private Setting managerOfSales(OrgApi api) {
        UUID org = api.createOrg(alice, "SCALE");
        api.join(org, carol, "MANAGER", alice);
        UUID inSales = api.joinSomeone(org, "AGENT", alice);
        UUID inSupport = api.joinSomeone(org, "AGENT", alice);
        UUID sales = UUID.randomUUID();
        UUID support = UUID.randomUUID();
        api.putInPortal(org, sales, carol.id(), "MANAGER", alice);
        api.putInPortal(org, sales, inSales, "EMPLOYEE", alice);
        api.putInPortal(org, support, inSupport, "EMPLOYEE", alice);
        return new Setting(org, sales, support, inSales, inSupport);
    }

    @Test
    void manager_deactivatesAnAgentOfTheirPortal_butNotOneOutsideIt() {
        OrgApi api = new OrgApi(web);
        Setting s = managerOfSales(api);

        api.deactivate(s.org(), s.inSupport(), carol).expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.detail").isEqualTo(OUTSIDE_REACH).jsonPath("$.status").isEqualTo(403);
        assertThat(api.member(s.org(), s.inSupport(), alice).get("status").asString()).isEqualTo("ACTIVE");

        api.deactivate(s.org(), s.inSales(), carol).expectStatus().isNoContent();
        assertThat(api.member(s.org(), s.inSales(), alice).get("status").asString()).isEqualTo("DEACTIVATED");
        api.reactivate(s.org(), s.inSales(), carol).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ACTIVE");

        // an owner is not limited by portals
        api.deactivate(s.org(), s.inSupport(), alice).expectStatus().isNoContent();
        api.reactivate(s.org(), s.inSupport(), carol).expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isEqualTo(OUTSIDE_REACH);
        api.remove(s.org(), s.inSupport(), carol).expectStatus().isForbidden();
        api.remove(s.org(), s.inSales(), carol).expectStatus().isNoContent();
    }

    @Test
    void manager_changesAnAgentToViewerAndBack_inTheirPortal_butNotOutsideIt() {
        OrgApi api = new OrgApi(web);
        Setting s = managerOfSales(api);

        api.changeRole(s.org(), s.inSupport(), "VIEWER", carol).expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isEqualTo(OUTSIDE_REACH);
        assertThat(api.role(s.org(), s.inSupport(), alice)).isEqualTo("AGENT");

        api.changeRole(s.org(), s.inSales(), "VIEWER", carol).expectStatus().isOk()
                .expectBody().jsonPath("$.role").isEqualTo("VIEWER")
                .jsonPath("$.portals[0].portalId").isEqualTo(s.sales().toString());
        api.changeRole(s.org(), s.inSales(), "AGENT", carol).expectStatus().isOk();
        // a MANAGER never makes someone MANAGER by role change, even in their portal
        api.changeRole(s.org(), s.inSales(), "MANAGER", carol).expectStatus().isForbidden();
        assertThat(api.role(s.org(), s.inSales(), alice)).isEqualTo("AGENT");
    }

    @Test
    void manager_whoLostTheirPortal_losesTheirReach() {
        OrgApi api = new OrgApi(web);
        Setting s = managerOfSales(api);
        OrgApi.EVENTS.publish(EventCatalog.PORTAL_MEMBER_ROLE_CHANGED, s.org(),
                new PortalMemberRoleChanged(s.org(), s.sales(), carol.id(), "MANAGER", "EMPLOYEE"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "EMPLOYEE".equals(api.portalRole(s.org(), carol.id(), s.sales(), alice)));
        api.deactivate(s.org(), s.inSales(), carol).expectStatus().isForbidden();
    }

    @Test
    void memberDetails_listTheirPortals_asPortalServiceLastSaidIt_eachRecordAppliedOnce() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        UUID someone = api.joinSomeone(org, "AGENT", alice);
        UUID sales = UUID.randomUUID();
        UUID support = UUID.randomUUID();
        Events.Envelope addedToSupport = Events.envelope(EventCatalog.PORTAL_MEMBER_ADDED, org,
                new PortalMemberAdded(org, support, someone, "EMPLOYEE"));
        OrgApi.EVENTS.publish(addedToSupport);
        api.putInPortal(org, sales, someone, "EMPLOYEE", alice);
        OrgApi.EVENTS.publish(EventCatalog.PORTAL_MEMBER_ROLE_CHANGED, org, new PortalMemberRoleChanged(org, sales, someone, "EMPLOYEE", "MANAGER"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "MANAGER".equals(api.portalRole(org, someone, sales, alice)));

        JsonNode member = api.member(org, someone, alice);
        assertThat(member.get("portals")).hasSize(2);
        assertThat(api.portalRole(org, someone, support, alice)).isEqualTo("EMPLOYEE");
        JsonNode listed = listedMember(org, someone);
        assertThat(listed.get("portals")).hasSize(2);
        assertThat(listedMember(org, alice.id()).get("portals")).isEmpty();

        // taken out of support; the replayed "added" record (same event id) does not put them back
        OrgApi.EVENTS.publish(EventCatalog.PORTAL_MEMBER_REMOVED, org, new PortalMemberRemoved(org, support, someone, "REMOVED_FROM_PORTAL"));
        OrgApi.EVENTS.publish(addedToSupport);
        // sales archived: its rows go; a later record (same partition) proves the earlier ones were applied
        OrgApi.EVENTS.publish(EventCatalog.PORTAL_ARCHIVED, org, new PortalArchived(org, sales, support));
        UUID marker = UUID.randomUUID();
        api.putInPortal(org, marker, alice.id(), "EMPLOYEE", alice);
        assertThat(api.member(org, someone, alice).get("portals")).isEmpty();
    }

    @Test
    void portalRecordsFromAnotherSource_areRefused() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        Events.Envelope forged = Events.envelope(EventCatalog.PORTAL_MEMBER_ADDED, org, new PortalMemberAdded(org, UUID.randomUUID(),
                carol.id(), "MANAGER")).withSource(Topics.IDENTITY_SERVICE);
        OrgApi.EVENTS.publish(forged);
        OrgApi.EVENTS.await(Topics.deadLetter(Topics.PORTAL_PORTALS), Events.withEventId(forged.id()), Duration.ofSeconds(30));
        assertThat(db.sql("select count(*) from portal_memberships where org_id = :org").bind("org", org)
                .map(row -> row.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void unknownPortalRole_isDeadLettered_notGuessed() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        Events.Envelope owner = Events.envelope(EventCatalog.PORTAL_MEMBER_ADDED, org, new PortalMemberAdded(org, UUID.randomUUID(),
                carol.id(), "OWNER"));
        OrgApi.EVENTS.publish(owner);
        OrgApi.EVENTS.await(Topics.deadLetter(Topics.PORTAL_PORTALS), Events.withEventId(owner.id()), Duration.ofSeconds(30));
        assertThat(db.sql("select count(*) from portal_memberships where org_id = :org").bind("org", org)
                .map(row -> row.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void memberJoined_carriesNameEmailAndTheInvitationsPortalsAndRouting() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        UUID invitation = api.invite(org, "AGENT", alice);
        List<UUID> portals = List.of(UUID.randomUUID(), UUID.randomUUID());
        RoutingSetup routing = new RoutingSetup(Map.of("SMS", 3), Map.of(UUID.randomUUID(), List.of("SMS")), List.of(UUID.randomUUID()));
        OrgApi.EVENTS.publish(Events.envelope(EventCatalog.INVITATION_ACCEPTED, org, new InvitationAccepted(org, invitation, bob.id(),
                bob.email(), "Bob Builder", "AGENT", portals, null, null, null, routing)).withActor(bob.id().toString()));

        JsonNode joined = joinedEvent(org, bob.id());
        assertThat(joined.path("role").asString()).isEqualTo("AGENT");
        assertThat(joined.path("displayName").asString()).isEqualTo("Bob Builder");
        assertThat(joined.path("email").asString()).isEqualTo(bob.email());
        assertThat(joined.path("portalIds")).extracting(JsonNode::asString).containsExactly(portals.get(0).toString(), portals.get(1).toString());
        assertThat(joined.path("portalRole").isNull()).as("an owner's invitee: as the org role implies").isTrue();
        assertThat(OrgApi.JSON.treeToValue(joined.path("routing"), RoutingSetup.class)).as("the invitation's routing setup, for routing-service")
                .isEqualTo(routing);

        // the creator's event says who they are and names no portal
        JsonNode creator = joinedEvent(org, alice.id());
        assertThat(creator.path("role").asString()).isEqualTo("OWNER");
        assertThat(creator.path("email").asString()).isEqualTo(alice.email());
        assertThat(creator.path("displayName").isNull() || creator.path("displayName").isMissingNode()).isFalse();
        assertThat(creator.path("portalIds")).isEmpty();
        assertThat(creator.path("routing").isNull()).isTrue();
    }

    @Test
    void managersInvitee_joinsOnlyTheManagersPortals_asEmployee_whateverTheInvitationNamed() {
        OrgApi api = new OrgApi(web);
        UUID org = api.createOrg(alice, "GROWTH");
        api.join(org, carol, "MANAGER", alice);
        UUID carols = UUID.randomUUID();
        UUID someoneElses = UUID.randomUUID();
        api.putInPortal(org, carols, carol.id(), "MANAGER", alice);
        api.updateOrg(org, Map.of("managersMayInviteManagers", true), alice).expectStatus().isOk();
        UUID invitation = api.invite(org, "MANAGER", carol);
        OrgApi.EVENTS.publish(Events.envelope(EventCatalog.INVITATION_ACCEPTED, org, new InvitationAccepted(org, invitation, bob.id(),
                bob.email(), "Bob Builder", "MANAGER", List.of(someoneElses, carols))).withActor(bob.id().toString()));

        JsonNode joined = joinedEvent(org, bob.id());
        assertThat(joined.path("role").asString()).isEqualTo("MANAGER");
        assertThat(joined.path("portalIds")).extracting(JsonNode::asString).containsExactly(carols.toString());
        assertThat(joined.path("portalRole").asString()).as("a manager never makes a portal MANAGER").isEqualTo("EMPLOYEE");
    }

    private JsonNode joinedEvent(UUID org, UUID userId) {
        var record = OrgApi.EVENTS.await(Topics.ORG_MEMBERSHIPS, r -> org.toString().equals(r.key())
                && r.value().contains("\"org.member.joined\"") && r.value().contains(userId.toString()), Duration.ofSeconds(20));
        return OrgApi.JSON.readTree(record.value()).path("data");
    }

    private JsonNode listedMember(UUID org, UUID userId) {
        JsonNode all = OrgApi.JSON.readTree(api().get("/api/orgs/" + org + "/members", alice).expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        for (JsonNode member : all) {
            if (userId.toString().equals(member.path("userId").asString())) {
                return member;
            }
        }
        throw new AssertionError("member " + userId + " not listed");
    }

    private OrgApi api() {
        return new OrgApi(web);
    }
}
