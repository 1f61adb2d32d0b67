package io.switchboard.routing.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.access.PortalRole;
import io.switchboard.routing.RoutingIntegrationTest;
import io.switchboard.routing.work.WorkItem;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Routing profiles on the real servers: the rules (400 naming the field, nothing written), who may set whose
 * profile, and the drain: a raised capacity or a new grant assigns queued work in the same write.
 */
class ProfileApiTest extends RoutingIntegrationTest {

    private static final String PROFILE = "/api/orgs/{org}/members/{user}/routing-profile";

    private final Person owner = person("owner");
    private final Person admin = person("admin");
    private final Person manager = person("manager");
    private final Person agent = person("agent");
    private final Person outsider = person("outsider-agent");
    private final Person stranger = person("stranger");

    @Test
    void put_replacesTheWholeProfile_andGetAnswersItWithOpenCounts_andTheEventAndAuditAreWritten() {
        UUID org = newOrg(owner);
        join(org, agent, "AGENT");
        UUID acme = createClient(org, owner, "Acme");

        JsonNode first = setProfile(owner, org, agent, Map.of("SMS", 3, "LIVE_CHAT", 2), Map.of(acme, List.of("SMS", "LIVE_CHAT")));
        assertThat(first.get("channels").get("SMS").asInt()).isEqualTo(3);
        assertThat(first.get("openCounts").get("LIVE_CHAT").asInt()).isZero();

        JsonNode second = setProfile(owner, org, agent, Map.of("EMAIL", 4), Map.of(acme, List.of("EMAIL")));
        assertThat(second.get("channels").propertyNames()).containsExactly("EMAIL");
        assertThat(second.get("clients").get(acme.toString()).get(0).asString()).isEqualTo("EMAIL");
        assertThat(count("select count(*) from agent_channels where org_id = :org and not allowed", org)).isEqualTo(2);
        assertThat(count("select count(*) from profile_clients where org_id = :org", org)).isEqualTo(1);

        JsonNode own = body(get(agent, PROFILE, org, agent.id()).expectStatus().isOk());
        assertThat(own.get("channels").get("EMAIL").asInt()).isEqualTo(4);
        assertThat(count("select count(*) from outbox where event_key = cast(:org as text) and event_type = 'routing.profile.updated'", org)).isEqualTo(2);
        assertThat(auditActions(org, 3)).containsExactly("client.created", "routing.profile.updated", "routing.profile.updated");

        setProfile(owner, org, agent, Map.of("EMAIL", 4), Map.of(acme, List.of("EMAIL")));
        assertThat(count("select count(*) from outbox where event_key = cast(:org as text) and event_type = 'routing.profile.updated'", org))
                .as("the same profile again changes nothing").isEqualTo(2);

        JsonNode cleared = setProfile(owner, org, agent, Map.of(), Map.of());
        assertThat(cleared.get("channels").isEmpty()).isTrue();
        assertThat(cleared.get("clients").isEmpty()).isTrue();
        assertThat(count("select count(*) from agent_channels where org_id = :org and allowed and channel <> 'LEAD'", org)).isZero();
    }

    @Test
    void badInput_is400NamingTheField_andNothingIsWritten() {
        UUID org = newOrg(owner);
        UUID otherOrg = newOrg(owner);
        join(org, agent, "AGENT");
        UUID acme = createClient(org, owner, "Acme");
        UUID theirs = createClient(otherOrg, owner, "Theirs");
        UUID gone = createClient(org, owner, "Gone");
        delete(owner, "/api/orgs/{org}/clients/{id}", org, gone).expectStatus().isNoContent();
        setProfile(owner, org, agent, Map.of("SMS", 1), Map.of(acme, List.of("SMS")));
        long outbox = count("select count(*) from outbox where event_key = cast(:org as text)", org);

        expect400(org, Map.of("channels", Map.of("FAX", 1)), "channels.FAX");
        expect400(org, Map.of("channels", Map.of("SMS", -1)), "channels.SMS");
        expect400(org, Map.of("channels", Map.of("SMS", 101)), "channels.SMS");
        expect400(org, Map.of("channels", Map.of("SMS", 3), "clients", Map.of(theirs.toString(), List.of("SMS"))), "clients." + theirs);
        expect400(org, Map.of("channels", Map.of("SMS", 3), "clients", Map.of(gone.toString(), List.of("SMS"))), "clients." + gone);
        expect400(org, Map.of("channels", Map.of("SMS", 3), "clients", Map.of(acme.toString(), List.of("SMS", "EMAIL"))), "clients." + acme + "[1]");
        expect400(org, Map.of("channels", Map.of("SMS", 3), "clients", Map.of("acme", List.of("SMS"))), "clients.acme");
        unreadable400(org, Map.of("channels", Map.of("SMS", "many")), "channels.SMS");
        unreadable400(org, Map.of("capacities", Map.of("SMS", 3)), "capacities");

        JsonNode profile = body(get(owner, PROFILE, org, agent.id()).expectStatus().isOk());
        assertThat(profile.get("channels").get("SMS").asInt()).isEqualTo(1);
        assertThat(count("select count(*) from outbox where event_key = cast(:org as text)", org)).isEqualTo(outbox);
    }

    private void expect400(UUID org, Object body, String field) {
        put(owner, body, PROFILE, org, agent.id()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    /** A body that does not bind is refused by the web layer (type bad-request), naming the field too. */
    private void unreadable400(UUID org, Object body, String field) {
        put(owner, body, PROFILE, org, agent.id()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void aTargetWhoIsNoActiveMember_is404_andACallerWhoIsNoMember_is404() {
        UUID org = newOrg(owner);
        UUID otherOrg = newOrg(owner);
        join(otherOrg, agent, "AGENT");

        put(owner, Map.of("channels", Map.of("SMS", 1)), PROFILE, org, agent.id()).expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("userId");
        get(owner, PROFILE, org, UUID.randomUUID()).expectStatus().isNotFound();
        get(stranger, PROFILE, org, owner.id()).expectStatus().isNotFound();
        put(stranger, Map.of("channels", Map.of("SMS", 1)), PROFILE, org, owner.id()).expectStatus().isNotFound();
    }

    @Test
    void aManager_setsProfilesOfTheirPortalsMembers_only_andNeverAnAdmins() {
        UUID org = newOrg(owner);
        UUID theirPortal = newPortal(org);
        UUID otherPortal = newPortal(org);
        join(org, manager, "MANAGER");
        join(org, agent, "AGENT");
        join(org, outsider, "AGENT");
        join(org, admin, "ADMIN");
        inPortal(org, theirPortal, manager, PortalRole.MANAGER, true);
        inPortal(org, theirPortal, agent, PortalRole.EMPLOYEE, true);
        inPortal(org, theirPortal, admin, PortalRole.EMPLOYEE, true);
        inPortal(org, otherPortal, outsider, PortalRole.EMPLOYEE, true);
        Map<String, Object> profile = Map.of("channels", Map.of("SMS", 2));

        put(manager, profile, PROFILE, org, agent.id()).expectStatus().isOk();
        get(manager, PROFILE, org, agent.id()).expectStatus().isOk();
        put(manager, profile, PROFILE, org, outsider.id()).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/forbidden");
        get(manager, PROFILE, org, outsider.id()).expectStatus().isForbidden();
        put(manager, profile, PROFILE, org, admin.id()).expectStatus().isForbidden();
        put(admin, profile, PROFILE, org, outsider.id()).expectStatus().isOk();

        put(agent, profile, PROFILE, org, agent.id()).expectStatus().isForbidden();
        get(agent, PROFILE, org, agent.id()).expectStatus().isOk();
        get(agent, PROFILE, org, outsider.id()).expectStatus().isForbidden();
        assertThat(count("select count(*) from agent_channels where org_id = :org and channel <> 'LEAD'", org)).isEqualTo(2);
    }

    @Test
    void raisingACapacity_assignsTheQueuedConversation_inTheSameWrite() {
        UUID org = newOrg(owner);
        UUID portal = defaultPortal(org);
        join(org, agent, "AGENT");
        inPortal(org, portal, agent, PortalRole.EMPLOYEE, true);
        UUID acme = createClient(org, owner, "Acme");
        setProfile(owner, org, agent, Map.of("SMS", 1), Map.of(acme, List.of("SMS")));
        WorkItem first = openConversation(org, portal, null, acme, "SMS");
        WorkItem second = openConversation(org, portal, null, acme, "SMS");
        assertThat(work(first.id())).containsEntry("status", "ASSIGNED");
        assertThat(work(second.id())).containsEntry("status", "QUEUED");

        JsonNode raised = setProfile(owner, org, agent, Map.of("SMS", 2), Map.of(acme, List.of("SMS")));

        assertThat(work(second.id())).containsEntry("status", "ASSIGNED").containsEntry("assignee", agent.id());
        assertThat(raised.get("openCounts").get("SMS").asInt()).isEqualTo(2);
    }

    @Test
    void grantingAClient_assignsItsQueuedConversation_andTakingAChannelAway_keepsItsOpenWorkCounted() {
        UUID org = newOrg(owner);
        UUID portal = defaultPortal(org);
        join(org, agent, "AGENT");
        inPortal(org, portal, agent, PortalRole.EMPLOYEE, true);
        UUID acme = createClient(org, owner, "Acme");
        setProfile(owner, org, agent, Map.of("SMS", 3), Map.of());
        WorkItem waiting = openConversation(org, portal, null, acme, "SMS");
        assertThat(work(waiting.id())).containsEntry("status", "QUEUED");

        setProfile(owner, org, agent, Map.of("SMS", 3), Map.of(acme, List.of("SMS")));
        assertThat(work(waiting.id())).containsEntry("status", "ASSIGNED");

        JsonNode without = setProfile(owner, org, agent, Map.of("EMAIL", 1), Map.of());
        assertThat(without.get("channels").has("SMS")).isFalse();
        assertThat(without.get("openCounts").get("SMS").asInt()).isEqualTo(1);
        assertThat(work(waiting.id())).containsEntry("status", "ASSIGNED").containsEntry("assignee", agent.id());
    }
}
