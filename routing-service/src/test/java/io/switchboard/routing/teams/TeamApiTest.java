package io.switchboard.routing.teams;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.access.PortalRole;
import io.switchboard.routing.RoutingIntegrationTest;
import io.switchboard.routing.work.WorkItem;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Teams on the real servers: rules, who may change and see them, and what team changes do to queued and held work. */
class TeamApiTest extends RoutingIntegrationTest {

    private final Person owner = person("owner");
    private final Person manager = person("manager");
    private final Person agent = person("agent");
    private final Person colleague = person("colleague");
    private final Person stranger = person("stranger");

    private UUID createTeam(UUID org, Person as, UUID portal, String name, String strategy, Person... members) {
        JsonNode created = body(post(as, Map.of("portalId", portal, "name", name, "strategy", strategy,
                "memberIds", java.util.Arrays.stream(members).map(Person::id).toList()), "/api/orgs/{org}/teams", org).expectStatus().isCreated());
        return UUID.fromString(created.get("id").asString());
    }

    @Test
    void create_get_rename_andDelete_withTheirAuditLines() {
        UUID org = newOrg(owner);
        UUID portal = defaultPortal(org);
        join(org, agent, "AGENT");
        inPortal(org, portal, agent, PortalRole.EMPLOYEE, true);

        UUID team = createTeam(org, owner, portal, " Night shift ", "LOAD_BALANCED", agent);
        JsonNode got = body(get(owner, "/api/orgs/{org}/teams/{team}", org, team).expectStatus().isOk());
        assertThat(got.get("name").asString()).isEqualTo("Night shift");
        assertThat(got.get("strategy").asString()).isEqualTo("LOAD_BALANCED");
        assertThat(got.get("memberIds").get(0).asString()).isEqualTo(agent.id().toString());

        patch(owner, Map.of("name", "Nights", "strategy", "MANUAL"), "/api/orgs/{org}/teams/{team}", org, team).expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Nights").jsonPath("$.strategy").isEqualTo("MANUAL");
        delete(owner, "/api/orgs/{org}/teams/{team}", org, team).expectStatus().isNoContent();
        get(owner, "/api/orgs/{org}/teams/{team}", org, team).expectStatus().isNotFound();

        assertThat(auditActions(org, 3)).containsExactly("team.created", "team.updated", "team.deleted");
        createTeam(org, owner, portal, "night shift", "ROUND_ROBIN");
    }

    @Test
    void badInput_is400Or409NamingTheField_andNothingIsWritten() {
        UUID org = newOrg(owner);
        UUID otherOrg = newOrg(owner);
        UUID portal = defaultPortal(org);
        UUID archived = newPortal(org);
        archivePortal(archived);
        join(org, agent, "AGENT");
        join(org, colleague, "AGENT");
        inPortal(org, portal, agent, PortalRole.EMPLOYEE, true);
        UUID team = createTeam(org, owner, portal, "Night", "ROUND_ROBIN");
        long outbox = count("select count(*) from outbox where event_key = cast(:org as text)", org);

        post(owner, Map.of("portalId", archived, "name", "Day", "strategy", "MANUAL"), "/api/orgs/{org}/teams", org).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("portalId");
        post(owner, Map.of("portalId", defaultPortal(otherOrg), "name", "Day", "strategy", "MANUAL"), "/api/orgs/{org}/teams", org)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("portalId");
        post(owner, Map.of("portalId", portal, "name", "Day", "strategy", "MANUAL", "memberIds", List.of(agent.id(), colleague.id())),
                "/api/orgs/{org}/teams", org).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("memberIds[1]");
        post(owner, Map.of("portalId", portal, "name", "Day", "strategy", "FASTEST"), "/api/orgs/{org}/teams", org).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("strategy");
        post(owner, Map.of("portalId", portal, "name", "Day"), "/api/orgs/{org}/teams", org).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("strategy");
        post(owner, Map.of("portalId", portal, "name", " ", "strategy", "MANUAL"), "/api/orgs/{org}/teams", org).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        post(owner, Map.of("portalId", portal, "name", "NIGHT", "strategy", "MANUAL"), "/api/orgs/{org}/teams", org).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/team-name-taken")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        putEmpty(owner, "/api/orgs/{org}/teams/{team}/members/{user}", org, team, colleague.id()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/not-a-portal-member")
                .jsonPath("$.errors[0].field").isEqualTo("userId");

        assertThat(count("select count(*) from teams where org_id = :org", org)).isEqualTo(1);
        assertThat(count("select count(*) from team_members where org_id = :org", org)).isZero();
        assertThat(count("select count(*) from outbox where event_key = cast(:org as text)", org)).isEqualTo(outbox);
    }

    @Test
    void aPortalManager_changesTeamsOfTheirPortal_only_agentsDoNot_andReadersSeeOnlyTheirPortalsTeams() {
        UUID org = newOrg(owner);
        UUID theirs = newPortal(org);
        UUID other = newPortal(org);
        join(org, manager, "MANAGER");
        join(org, agent, "AGENT");
        inPortal(org, theirs, manager, PortalRole.MANAGER, true);
        inPortal(org, theirs, agent, PortalRole.EMPLOYEE, true);

        UUID mine = createTeam(org, manager, theirs, "Mine", "ROUND_ROBIN", agent);
        post(manager, Map.of("portalId", other, "name", "Elsewhere", "strategy", "MANUAL"), "/api/orgs/{org}/teams", org).expectStatus().isForbidden();
        UUID elsewhere = createTeam(org, owner, other, "Elsewhere", "MANUAL");
        patch(manager, Map.of("strategy", "MANUAL"), "/api/orgs/{org}/teams/{team}", org, elsewhere).expectStatus().isForbidden();
        delete(manager, "/api/orgs/{org}/teams/{team}", org, elsewhere).expectStatus().isForbidden();
        patch(agent, Map.of("strategy", "MANUAL"), "/api/orgs/{org}/teams/{team}", org, mine).expectStatus().isForbidden();
        delete(agent, "/api/orgs/{org}/teams/{team}/members/{user}", org, mine, agent.id()).expectStatus().isForbidden();

        assertThat(body(get(agent, "/api/orgs/{org}/teams", org).expectStatus().isOk()).findValuesAsString("name")).containsExactly("Mine");
        assertThat(body(get(owner, "/api/orgs/{org}/teams", org).expectStatus().isOk()).findValuesAsString("name")).hasSize(2);
        assertThat(body(get(owner, "/api/orgs/{org}/teams?portalId={portal}", org, other).expectStatus().isOk()).findValuesAsString("name"))
                .containsExactly("Elsewhere");
        get(agent, "/api/orgs/{org}/teams/{team}", org, elsewhere).expectStatus().isForbidden();
        get(stranger, "/api/orgs/{org}/teams", org).expectStatus().isNotFound();
    }

    @Test
    void anotherOrgsTeam_answers404() {
        UUID org = newOrg(owner);
        UUID otherOrg = newOrg(owner);
        UUID theirs = createTeam(otherOrg, owner, defaultPortal(otherOrg), "Theirs", "MANUAL");

        get(owner, "/api/orgs/{org}/teams/{team}", org, theirs).expectStatus().isNotFound();
        patch(owner, Map.of("name", "Mine"), "/api/orgs/{org}/teams/{team}", org, theirs).expectStatus().isNotFound();
        putEmpty(owner, "/api/orgs/{org}/teams/{team}/members/{user}", org, theirs, owner.id()).expectStatus().isNotFound();
        delete(owner, "/api/orgs/{org}/teams/{team}", org, theirs).expectStatus().isNotFound();
        assertThat(body(get(owner, "/api/orgs/{org}/teams", org).expectStatus().isOk()).isEmpty()).isTrue();
    }

    @Test
    void addingAMember_assignsTheTeamsQueuedWork_andRemovingThem_routesTheirTeamWorkToAnother() {
        UUID org = newOrg(owner);
        UUID portal = defaultPortal(org);
        join(org, agent, "AGENT");
        join(org, colleague, "AGENT");
        inPortal(org, portal, agent, PortalRole.EMPLOYEE, true);
        inPortal(org, portal, colleague, PortalRole.EMPLOYEE, true);
        UUID acme = createClient(org, owner, "Acme");
        setProfile(owner, org, agent, Map.of("SMS", 2), Map.of(acme, List.of("SMS")));
        setProfile(owner, org, colleague, Map.of("SMS", 2), Map.of(acme, List.of("SMS")));
        UUID team = createTeam(org, owner, portal, "Night", "ROUND_ROBIN");
        WorkItem waiting = openConversation(org, portal, team, acme, "SMS");
        assertThat(work(waiting.id())).containsEntry("status", "QUEUED");

        putEmpty(owner, "/api/orgs/{org}/teams/{team}/members/{user}", org, team, agent.id()).expectStatus().isOk()
                .expectBody().jsonPath("$.memberIds[0]").isEqualTo(agent.id().toString());
        assertThat(work(waiting.id())).containsEntry("status", "ASSIGNED").containsEntry("assignee", agent.id());
        putEmpty(owner, "/api/orgs/{org}/teams/{team}/members/{user}", org, team, colleague.id()).expectStatus().isOk();

        delete(owner, "/api/orgs/{org}/teams/{team}/members/{user}", org, team, agent.id()).expectStatus().isNoContent();

        assertThat(work(waiting.id())).containsEntry("status", "ASSIGNED").containsEntry("assignee", colleague.id());
        assertThat(count("select count(*) from outbox where event_key = cast(:org as text) and event_type = 'routing.conversation.rerouted'", org))
                .isEqualTo(1);
        assertThat(auditActions(org, 7)).containsSubsequence("team.created", "team.member.added", "team.member.added", "team.member.removed");
    }

    @Test
    void deletingATeam_movesItsQueuedWorkToThePortalsQueue_whereItIsRouted() {
        UUID org = newOrg(owner);
        UUID portal = defaultPortal(org);
        join(org, agent, "AGENT");
        inPortal(org, portal, agent, PortalRole.EMPLOYEE, true);
        UUID acme = createClient(org, owner, "Acme");
        setProfile(owner, org, agent, Map.of("SMS", 2), Map.of(acme, List.of("SMS")));
        UUID team = createTeam(org, owner, portal, "Empty", "ROUND_ROBIN");
        WorkItem waiting = openConversation(org, portal, team, acme, "SMS");
        assertThat(work(waiting.id())).containsEntry("status", "QUEUED");

        delete(owner, "/api/orgs/{org}/teams/{team}", org, team).expectStatus().isNoContent();

        assertThat(work(waiting.id())).containsEntry("status", "ASSIGNED").containsEntry("assignee", agent.id());
    }

    @Test
    void aStrategyNoLongerManual_letsTheTeamsQueuedWorkThrough() {
        UUID org = newOrg(owner);
        UUID portal = defaultPortal(org);
        join(org, agent, "AGENT");
        inPortal(org, portal, agent, PortalRole.EMPLOYEE, true);
        UUID acme = createClient(org, owner, "Acme");
        setProfile(owner, org, agent, Map.of("SMS", 2), Map.of(acme, List.of("SMS")));
        UUID team = createTeam(org, owner, portal, "Manual", "MANUAL", agent);
        WorkItem waiting = openConversation(org, portal, team, acme, "SMS");
        assertThat(work(waiting.id())).containsEntry("status", "QUEUED");

        patch(owner, Map.of("strategy", "LOAD_BALANCED"), "/api/orgs/{org}/teams/{team}", org, team).expectStatus().isOk();

        assertThat(work(waiting.id())).containsEntry("status", "ASSIGNED").containsEntry("assignee", agent.id());
    }
}
