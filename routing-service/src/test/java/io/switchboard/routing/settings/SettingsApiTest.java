package io.switchboard.routing.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.access.PortalRole;
import io.switchboard.routing.RoutingIntegrationTest;
import io.switchboard.routing.work.WorkItem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A portal's routing settings on the real servers. */
class SettingsApiTest extends RoutingIntegrationTest {

    private static final String SETTINGS = "/api/orgs/{org}/routing/portals/{portal}";

    private final Person owner = person("owner");
    private final Person manager = person("manager");
    private final Person agent = person("agent");

    @Test
    void defaults_thenSet_andAudited_andBadInput400NamingTheField() {
        UUID org = newOrg(owner);
        UUID portal = defaultPortal(org);

        get(owner, SETTINGS, org, portal).expectStatus().isOk().expectBody()
                .jsonPath("$.strategy").isEqualTo("ROUND_ROBIN").jsonPath("$.rerouteAwayAfterMinutes").isEmpty().jsonPath("$.isDefault").isEqualTo(true);
        put(owner, Map.of("strategy", "LOAD_BALANCED", "rerouteAwayAfterMinutes", 15), SETTINGS, org, portal).expectStatus().isOk()
                .expectBody().jsonPath("$.strategy").isEqualTo("LOAD_BALANCED").jsonPath("$.rerouteAwayAfterMinutes").isEqualTo(15);
        Map<String, Object> never = new HashMap<>();
        never.put("strategy", "LOAD_BALANCED");
        never.put("rerouteAwayAfterMinutes", null);
        put(owner, never, SETTINGS, org, portal).expectStatus().isOk().expectBody().jsonPath("$.rerouteAwayAfterMinutes").isEmpty();

        put(owner, Map.of("strategy", "MANUAL", "rerouteAwayAfterMinutes", 0), SETTINGS, org, portal).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("rerouteAwayAfterMinutes");
        put(owner, Map.of("strategy", "MANUAL", "rerouteAwayAfterMinutes", 10_081), SETTINGS, org, portal).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("rerouteAwayAfterMinutes");
        put(owner, Map.of("rerouteAwayAfterMinutes", 5), SETTINGS, org, portal).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("strategy");
        put(owner, Map.of("strategy", "SOMETIMES"), SETTINGS, org, portal).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("strategy");

        assertThat(auditActions(org, 2)).containsExactly("routing.settings.updated", "routing.settings.updated");
    }

    @Test
    void thePortalsManager_setsIt_anotherPortalsManagerAndAgentsDoNot_andAnotherOrgsPortalIs404() {
        UUID org = newOrg(owner);
        UUID otherOrg = newOrg(owner);
        UUID theirs = newPortal(org);
        UUID other = newPortal(org);
        join(org, manager, "MANAGER");
        join(org, agent, "AGENT");
        inPortal(org, theirs, manager, PortalRole.MANAGER, true);
        inPortal(org, theirs, agent, PortalRole.EMPLOYEE, true);
        Map<String, Object> manual = Map.of("strategy", "MANUAL");

        put(manager, manual, SETTINGS, org, theirs).expectStatus().isOk();
        put(manager, manual, SETTINGS, org, other).expectStatus().isForbidden();
        put(agent, manual, SETTINGS, org, theirs).expectStatus().isForbidden();
        get(agent, SETTINGS, org, theirs).expectStatus().isOk();
        get(agent, SETTINGS, org, other).expectStatus().isForbidden();
        get(owner, SETTINGS, org, defaultPortal(otherOrg)).expectStatus().isNotFound();
        put(owner, manual, SETTINGS, org, defaultPortal(otherOrg)).expectStatus().isNotFound();
        get(owner, SETTINGS, otherOrg, defaultPortal(otherOrg)).expectStatus().isOk().expectBody().jsonPath("$.strategy").isEqualTo("ROUND_ROBIN");
    }

    @Test
    void anArchivedPortal_isA409() {
        UUID org = newOrg(owner);
        UUID portal = newPortal(org);
        archivePortal(portal);

        put(owner, Map.of("strategy", "MANUAL"), SETTINGS, org, portal).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/portal-archived")
                .jsonPath("$.errors[0].field").isEqualTo("portalId");
    }

    @Test
    void leavingManual_assignsThePortalsQueuedWork_inTheSameWrite() {
        UUID org = newOrg(owner);
        UUID portal = defaultPortal(org);
        join(org, agent, "AGENT");
        inPortal(org, portal, agent, PortalRole.EMPLOYEE, true);
        UUID acme = createClient(org, owner, "Acme");
        setProfile(owner, org, agent, Map.of("SMS", 2), Map.of(acme, List.of("SMS")));
        put(owner, Map.of("strategy", "MANUAL"), SETTINGS, org, portal).expectStatus().isOk();
        WorkItem waiting = openConversation(org, portal, null, acme, "SMS");
        assertThat(work(waiting.id())).containsEntry("status", "QUEUED");

        put(owner, Map.of("strategy", "ROUND_ROBIN"), SETTINGS, org, portal).expectStatus().isOk();

        assertThat(work(waiting.id())).containsEntry("status", "ASSIGNED").containsEntry("assignee", agent.id());
    }
}
