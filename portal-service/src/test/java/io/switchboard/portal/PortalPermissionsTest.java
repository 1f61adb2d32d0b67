package io.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/** Who may do what in a portal, as PortalAccess says, on the real service with real tokens. */
class PortalPermissionsTest extends PortalIntegrationTest {

    private final Person owner = person("owner");
    private final Person admin = person("admin");
    private final Person manager = person("manager");
    private final Person agent = person("agent");
    private final Person agent2 = person("agent2");
    private final Person viewer = person("viewer");
    private final Person scheduler = person("scheduler");
    private final Person custom = person("custom");
    private final Person outsider = person("outsider");

    /** An org with portals Support (manager: MANAGER, agent: EMPLOYEE) and Billing (agent2: EMPLOYEE). */
    private record Org(UUID id, UUID support, UUID billing) {
    }

    private Org org() {
        UUID org = newOrg(owner);
        UUID support = createPortal(org, owner, "Support");
        UUID billing = createPortal(org, owner, "Billing");
        join(org, admin, "ADMIN");
        join(org, manager, "MANAGER", support);
        join(org, agent, "AGENT", support);
        join(org, agent2, "AGENT", billing);
        join(org, viewer, "VIEWER");
        await().atMost(Duration.ofSeconds(20)).until(() -> portalRole(billing, agent2.id()) != null && portalRole(support, manager.id()) != null);
        return new Org(org, support, billing);
    }

    @Test
    void employeeOfAnotherPortal_doesNotSeeIt() {
        Org org = org();

        get(agent2, "/api/orgs/{org}/portals/{portal}/members", org.id, org.support).expectStatus().isForbidden();
        get(agent2, "/api/orgs/{org}/portals/{portal}", org.id, org.support).expectStatus().isForbidden();
        setAvailability(agent2, org.id, org.support, agent, false).expectStatus().isForbidden();
        JsonNode visible = body(get(agent2, "/api/orgs/{org}/portals", org.id).expectStatus().isOk());
        assertThat(visible).extracting(p -> p.get("name").asString()).containsExactly("Billing");
        // their own portal's members, and their own log only
        get(agent2, "/api/orgs/{org}/portals/{portal}/members", org.id, org.billing).expectStatus().isOk();
        get(agent2, "/api/orgs/{org}/portals/{portal}/availability-log?userId={u}", org.id, org.billing, owner.id()).expectStatus().isForbidden();
        assertThat(log(agent2, org.id, org.billing)).extracting(e -> e.get("userId").asString()).containsOnly(agent2.id().toString());
    }

    @Test
    void managerOfThePortal_addsAnEmployee_butNotAManager_andNotInAnotherPortal() {
        Org org = org();
        // agent2 works in Billing: bringing them into Support is an admin's call, else a manager could pull anyone into their reach
        putMember(manager, org.id, org.support, agent2, "EMPLOYEE").expectStatus().isForbidden();
        web.delete().uri("/api/orgs/{org}/portals/{portal}/members/{user}", org.id, org.billing, agent2.id())
                .header(HttpHeaders.AUTHORIZATION, admin.bearer()).exchange().expectStatus().isNoContent();
        putMember(manager, org.id, org.support, viewer, "EMPLOYEE").expectStatus().isCreated(); // in no portal: theirs to bring in
        putMember(manager, org.id, org.support, admin, "EMPLOYEE").expectStatus().isForbidden(); // managers bring in agents and viewers only

        putMember(manager, org.id, org.support, agent2, "EMPLOYEE").expectStatus().isCreated()
                .expectBody().jsonPath("$.portalRole").isEqualTo("EMPLOYEE").jsonPath("$.available").isEqualTo(true);
        putMember(manager, org.id, org.support, agent2, "EMPLOYEE").expectStatus().isOk();
        putMember(manager, org.id, org.support, agent2, "MANAGER").expectStatus().isForbidden();
        putMember(manager, org.id, org.billing, agent, "EMPLOYEE").expectStatus().isForbidden();
        assertThat(portalRole(org.support, agent2.id())).isEqualTo("EMPLOYEE");
        assertThat(portalRole(org.billing, agent.id())).isNull();

        // an admin makes a portal MANAGER; the manager can then no longer take them out
        putMember(admin, org.id, org.support, agent2, "MANAGER").expectStatus().isOk().expectBody().jsonPath("$.portalRole").isEqualTo("MANAGER");
        web.delete().uri("/api/orgs/{org}/portals/{portal}/members/{user}", org.id, org.support, agent2.id())
                .header(HttpHeaders.AUTHORIZATION, manager.bearer()).exchange().expectStatus().isForbidden();
        web.delete().uri("/api/orgs/{org}/portals/{portal}/members/{user}", org.id, org.support, agent2.id())
                .header(HttpHeaders.AUTHORIZATION, admin.bearer()).exchange().expectStatus().isNoContent();
        web.delete().uri("/api/orgs/{org}/portals/{portal}/members/{user}", org.id, org.support, agent2.id())
                .header(HttpHeaders.AUTHORIZATION, admin.bearer()).exchange().expectStatus().isNotFound();
        assertThat(events(Topics.PORTAL_PORTALS, "portal.member.removed", org.id, 1))
                .extracting(e -> e.path("data").path("reason").asString()).contains("REMOVED_FROM_PORTAL");

        // the manager sets an employee's availability in their portal; an employee only their own
        setAvailability(manager, org.id, org.support, agent, false).expectStatus().isOk().expectBody().jsonPath("$.available").isEqualTo(false);
        setAvailability(agent, org.id, org.support, manager, false).expectStatus().isForbidden();
        setAvailability(agent, org.id, org.support, agent, true).expectStatus().isOk();
        assertThat(log(manager, org.id, org.support)).extracting(e -> e.get("changedBy").asString()).contains(manager.id().toString(), agent.id().toString());
    }

    @Test
    void onlyOwnersAndAdmins_createRenameAndArchivePortals() {
        Org org = org();

        web.post().uri("/api/orgs/{org}/portals", org.id).header(HttpHeaders.AUTHORIZATION, manager.bearer())
                .bodyValue(Map.of("name", "Mine")).exchange().expectStatus().isForbidden();
        web.patch().uri("/api/orgs/{org}/portals/{portal}", org.id, org.support).header(HttpHeaders.AUTHORIZATION, manager.bearer())
                .bodyValue(Map.of("name", "Renamed")).exchange().expectStatus().isForbidden();
        web.delete().uri("/api/orgs/{org}/portals/{portal}", org.id, org.support).header(HttpHeaders.AUTHORIZATION, viewer.bearer())
                .exchange().expectStatus().isForbidden();
        web.patch().uri("/api/orgs/{org}/portals/{portal}", org.id, defaultPortal(org.id)).header(HttpHeaders.AUTHORIZATION, admin.bearer())
                .bodyValue(Map.of("name", "Front desk", "accentColor", "#00aa11")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Front desk").jsonPath("$.isDefault").isEqualTo(true);
    }

    @Test
    void viewer_readsEverything_changesNothing() {
        Org org = org();

        assertThat(body(get(viewer, "/api/orgs/{org}/portals", org.id).expectStatus().isOk())).hasSize(3);
        get(viewer, "/api/orgs/{org}/portals/{portal}/members", org.id, org.support).expectStatus().isOk();
        get(viewer, "/api/orgs/{org}/portals/{portal}/availability-log", org.id, org.support).expectStatus().isOk();
        setAvailability(viewer, org.id, org.support, agent, false).expectStatus().isForbidden();
        put(viewer, Map.of("available", false), "/api/orgs/{org}/portals/availability", org.id).expectStatus().isForbidden();
        putMember(viewer, org.id, org.support, agent2, "EMPLOYEE").expectStatus().isForbidden();
    }

    @Test
    void customRole_withAvailabilityManage_setsAvailabilityEverywhere_withoutIt_cannot() {
        Org org = org();
        String schedulerRole = defineRole(org.id, "availability:manage", "members:read");
        String plainRole = defineRole(org.id, "members:read");
        join(org.id, scheduler, schedulerRole);
        join(org.id, custom, plainRole);

        setAvailability(scheduler, org.id, org.billing, agent2, false).expectStatus().isOk();
        assertThat(available(org.billing, agent2.id())).isFalse();
        get(scheduler, "/api/orgs/{org}/portals/{portal}/availability-log", org.id, org.billing).expectStatus().isOk();
        assertThat(body(get(scheduler, "/api/orgs/{org}/portals", org.id).expectStatus().isOk())).hasSize(3);

        // the plain custom role joined the default portal (custom roles do) and sees only it
        await().atMost(Duration.ofSeconds(20)).until(() -> portalRole(defaultPortal(org.id), custom.id()) != null);
        setAvailability(custom, org.id, org.billing, agent2, true).expectStatus().isForbidden();
        assertThat(body(get(custom, "/api/orgs/{org}/portals", org.id).expectStatus().isOk()))
                .extracting(p -> p.get("isDefault").asBoolean()).containsExactly(true);
        assertThat(available(org.billing, agent2.id())).isFalse();
    }

    @Test
    void anotherOrgsPortalId_andNonMembers_answer404() {
        Org org = org();
        UUID otherOrg = newOrg(outsider);
        UUID foreign = createPortal(otherOrg, outsider, "Foreign");

        get(owner, "/api/orgs/{org}/portals/{portal}", org.id, foreign).expectStatus().isNotFound();
        get(owner, "/api/orgs/{org}/portals/{portal}/members", org.id, foreign).expectStatus().isNotFound();
        putMember(owner, org.id, foreign, agent, "EMPLOYEE").expectStatus().isNotFound();
        web.delete().uri("/api/orgs/{org}/portals/{portal}", org.id, foreign).header(HttpHeaders.AUTHORIZATION, owner.bearer())
                .exchange().expectStatus().isNotFound();
        get(outsider, "/api/orgs/{org}/portals", org.id).expectStatus().isNotFound();
        get(outsider, "/api/orgs/{org}/portals/{portal}", org.id, org.support).expectStatus().isNotFound();
        // a person who is not an active member of the org cannot be added (404 naming userId)
        putMember(owner, org.id, org.support, outsider, "EMPLOYEE").expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("userId");
        assertThat(portalRole(foreign, agent.id())).isNull();
    }
}
