package io.switchboard.routing.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.RoutingIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The clients API on the real servers: who may do what, bad input with nothing written, deletion out of profiles. */
class ClientApiTest extends RoutingIntegrationTest {

    private final Person owner = person("owner");
    private final Person agent = person("agent");
    private final Person stranger = person("stranger");

    @Test
    void create_list_rename_delete_withTheirAuditLines() {
        UUID org = newOrg(owner);
        join(org, agent, "AGENT");

        JsonNode created = body(post(owner, Map.of("name", "  Acme Dental "), "/api/orgs/{org}/clients", org).expectStatus().isCreated());
        UUID acme = UUID.fromString(created.get("id").asString());
        assertThat(created.get("name").asString()).isEqualTo("Acme Dental");
        createClient(org, owner, "Zeta");

        JsonNode listed = body(get(agent, "/api/orgs/{org}/clients", org).expectStatus().isOk());
        assertThat(listed.findValuesAsString("name")).containsExactly("Acme Dental", "Zeta");

        patch(owner, Map.of("name", "Acme"), "/api/orgs/{org}/clients/{id}", org, acme).expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Acme");
        delete(owner, "/api/orgs/{org}/clients/{id}", org, acme).expectStatus().isNoContent();

        get(owner, "/api/orgs/{org}/clients/{id}", org, acme).expectStatus().isNotFound();
        assertThat(body(get(owner, "/api/orgs/{org}/clients", org).expectStatus().isOk()).findValuesAsString("name")).containsExactly("Zeta");
        assertThat(count("select count(*) from clients where org_id = :org and deleted_at is not null", org)).isEqualTo(1);
        assertThat(auditActions(org, 4)).containsExactly("client.created", "client.created", "client.renamed", "client.deleted");
    }

    @Test
    void aDeletedName_isFreeAgain_butALiveOneIsATyped409_ignoringCase_andBadNamesAre400_withNothingWritten() {
        UUID org = newOrg(owner);
        UUID acme = createClient(org, owner, "Acme");
        long outbox = count("select count(*) from outbox where event_key = cast(:org as text)", org);

        post(owner, Map.of("name", " ACME "), "/api/orgs/{org}/clients", org).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/client-name-taken")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        post(owner, Map.of("name", "x".repeat(101)), "/api/orgs/{org}/clients", org).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        post(owner, Map.of("name", "  "), "/api/orgs/{org}/clients", org).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        UUID other = createClient(org, owner, "Other");
        patch(owner, Map.of("name", "acme"), "/api/orgs/{org}/clients/{id}", org, other).expectStatus().isEqualTo(409);

        assertThat(count("select count(*) from clients where org_id = :org", org)).isEqualTo(2);
        assertThat(count("select count(*) from outbox where event_key = cast(:org as text)", org)).isEqualTo(outbox + 1);

        delete(owner, "/api/orgs/{org}/clients/{id}", org, acme).expectStatus().isNoContent();
        createClient(org, owner, "acme");
    }

    @Test
    void agents_read_butOnlyOwnersAndAdminsOrSettingsWriters_change_andStrangersHear404() {
        UUID org = newOrg(owner);
        String settingsWriter = defineRole(org, "org:read", "settings:write");
        Person custom = person("settings-writer");
        join(org, agent, "AGENT");
        join(org, custom, settingsWriter);
        UUID acme = createClient(org, owner, "Acme");

        get(agent, "/api/orgs/{org}/clients/{id}", org, acme).expectStatus().isOk();
        post(agent, Map.of("name", "Mine"), "/api/orgs/{org}/clients", org).expectStatus().isForbidden();
        patch(agent, Map.of("name", "Mine"), "/api/orgs/{org}/clients/{id}", org, acme).expectStatus().isForbidden();
        delete(agent, "/api/orgs/{org}/clients/{id}", org, acme).expectStatus().isForbidden();
        post(custom, Map.of("name", "Theirs"), "/api/orgs/{org}/clients", org).expectStatus().isCreated();

        get(stranger, "/api/orgs/{org}/clients", org).expectStatus().isNotFound();
        post(stranger, Map.of("name", "Intruder"), "/api/orgs/{org}/clients", org).expectStatus().isNotFound();
    }

    @Test
    void anotherOrgsClient_answers404_andIsUntouched() {
        UUID org = newOrg(owner);
        UUID otherOrg = newOrg(owner);
        UUID theirs = createClient(otherOrg, owner, "Theirs");

        get(owner, "/api/orgs/{org}/clients/{id}", org, theirs).expectStatus().isNotFound();
        patch(owner, Map.of("name", "Mine"), "/api/orgs/{org}/clients/{id}", org, theirs).expectStatus().isNotFound();
        delete(owner, "/api/orgs/{org}/clients/{id}", org, theirs).expectStatus().isNotFound();

        get(owner, "/api/orgs/{org}/clients/{id}", otherOrg, theirs).expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("Theirs");
    }

    @Test
    void delete_takesTheClientOutOfEveryProfile_inTheSameWrite_butOpenWorkKeepsIt() {
        UUID org = newOrg(owner);
        join(org, agent, "AGENT");
        UUID portal = defaultPortal(org);
        inPortal(org, portal, agent, io.switchboard.events.access.PortalRole.EMPLOYEE, true);
        UUID acme = createClient(org, owner, "Acme");
        UUID zeta = createClient(org, owner, "Zeta");
        setProfile(owner, org, agent, Map.of("SMS", 2), Map.of(acme, List.of("SMS"), zeta, List.of("SMS")));
        var work = openConversation(org, portal, null, acme, "SMS");
        assertThat(work(work.id())).containsEntry("status", "ASSIGNED");

        delete(owner, "/api/orgs/{org}/clients/{id}", org, acme).expectStatus().isNoContent();

        JsonNode profile = body(get(owner, "/api/orgs/{org}/members/{user}/routing-profile", org, agent.id()).expectStatus().isOk());
        assertThat(profile.get("clients").propertyNames()).containsExactly(zeta.toString());
        assertThat(work(work.id())).containsEntry("status", "ASSIGNED").containsEntry("assignee", agent.id());
        assertThat(count("select count(*) from work_items where org_id = :org and client_id = '" + acme + "'", org)).isEqualTo(1);
    }

    @Test
    void aClientWithWaitingConversations_cannotBeDeleted_untilTheyAreHandled() {
        UUID org = newOrg(owner);
        UUID client = createClient(org, owner, "Waiting Co");
        var waiting = openConversation(org, defaultPortal(org), null, client, "SMS");
        assertThat(waiting.status().name()).as("nobody has a profile: it waits").isEqualTo("QUEUED");

        delete(owner, "/api/orgs/{org}/clients/{client}", org, client).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/client-has-queued-work")
                .jsonPath("$.queued").isEqualTo(1);
        get(owner, "/api/orgs/{org}/clients/{client}", org, client).expectStatus().isOk();
    }
}
