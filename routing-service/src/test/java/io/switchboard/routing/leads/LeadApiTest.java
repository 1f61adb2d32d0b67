package io.switchboard.routing.leads;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.access.PortalRole;
import io.switchboard.routing.RoutingIntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The lead and lead-status API on the real servers: the portal access rule, status changes with history, and lead capacity. */
class LeadApiTest extends RoutingIntegrationTest {

    private final Person owner = person("lead-owner");
    private final Person manager = person("lead-manager");
    private final Person ann = person("lead-ann");
    private final Person ben = person("lead-ben");
    private final Person viewer = person("lead-viewer");

    private record Setup(UUID org, UUID portal, UUID client) {
    }

    private Setup org(int leadCapacity) {
        UUID org = newOrg(owner);
        join(org, manager, "MANAGER");
        join(org, ann, "AGENT");
        join(org, ben, "AGENT");
        join(org, viewer, "VIEWER");
        UUID portal = defaultPortal(org);
        inPortal(org, portal, manager, PortalRole.MANAGER, false);
        inPortal(org, portal, ann, PortalRole.EMPLOYEE, true);
        inPortal(org, portal, ben, PortalRole.EMPLOYEE, true);
        inPortal(org, portal, viewer, PortalRole.EMPLOYEE, false);
        UUID client = createClient(org, owner, "Acme Leads");
        for (Person agent : List.of(ann, ben)) {
            put(owner, Map.of("channels", Map.of("SMS", 2), "clients", Map.of(client.toString(), List.of("SMS")), "leadCapacity", leadCapacity),
                    "/api/orgs/{org}/members/{user}/routing-profile", org, agent.id())
                    .expectStatus().isOk().expectBody().jsonPath("$.leadCapacity").isEqualTo(leadCapacity).jsonPath("$.openLeads").isEqualTo(0);
        }
        return new Setup(org, portal, client);
    }

    private Map<String, Object> leadBody(Setup s, String externalId) {
        Map<String, Object> body = new HashMap<>(Map.of("portalId", s.portal(), "clientId", s.client(), "source", "web-form",
                "contactName", "Avery Chen", "contactEmail", "avery@example.com", "company", "Northwind", "message", "40 seats"));
        if (externalId != null) {
            body.put("externalId", externalId);
        }
        return body;
    }

    private JsonNode create(Setup s, Person as, String externalId) {
        return body(post(as, leadBody(s, externalId), "/api/orgs/{org}/leads", s.org()).expectStatus().isCreated());
    }

    private List<String> listed(Setup s, Person as) {
        JsonNode page = body(get(as, "/api/orgs/{org}/portals/{portal}/leads", s.org(), s.portal()).expectStatus().isOk());
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    @Test
    void aLeadGoesNewContactedWon_withHistory_andWonFreesCapacityForTheNextQueuedLead() {
        Setup s = org(1);
        JsonNode first = create(s, owner, "web:1");
        assertThat(first.get("state").asString()).isEqualTo("ASSIGNED");
        assertThat(first.get("statusId").asString()).isEqualTo("new");
        assertThat(first.get("statusName").asString()).isEqualTo("New");
        assertThat(first.get("contactEmail").asString()).isEqualTo("avery@example.com");
        JsonNode second = create(s, owner, null);
        assertThat(second.get("externalId").asString()).startsWith("lead:");
        JsonNode third = create(s, owner, "web:3");
        assertThat(third.get("state").asString()).isEqualTo("QUEUED");
        assertThat(third.get("queuePosition").asInt()).isEqualTo(1);

        Person holder = first.get("assigneeId").asString().equals(ann.id().toString()) ? ann : ben;
        String id = first.get("id").asString();
        patch(holder, Map.of("statusId", "contacted"), "/api/orgs/{org}/leads/{id}", s.org(), id).expectStatus().isOk()
                .expectBody().jsonPath("$.statusId").isEqualTo("contacted").jsonPath("$.state").isEqualTo("ASSIGNED");
        patch(holder, Map.of("statusId", "maybe"), "/api/orgs/{org}/leads/{id}", s.org(), id).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("statusId")
                .jsonPath("$.allowedStatusIds[3]").isEqualTo("won");
        JsonNode won = body(patch(holder, Map.of("statusId", "won"), "/api/orgs/{org}/leads/{id}", s.org(), id).expectStatus().isOk());
        assertThat(won.get("state").asString()).isEqualTo("CLOSED");
        assertThat(won.get("outcome").asString()).isEqualTo("WON");
        assertThat(won.get("history")).hasSize(2);
        assertThat(won.get("history").get(0).get("fromStatusId").asString()).isEqualTo("new");
        assertThat(won.get("history").get(1).get("toStatusName").asString()).isEqualTo("Won");
        assertThat(won.get("history").get(1).get("changedBy").asString()).isEqualTo(holder.id().toString());

        get(owner, "/api/orgs/{org}/leads/{id}", s.org(), third.get("id").asString()).expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("ASSIGNED").jsonPath("$.assigneeId").isEqualTo(holder.id().toString());
        patch(holder, Map.of("statusId", "lost"), "/api/orgs/{org}/leads/{id}", s.org(), id).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/lead-closed");

        // a portal whose leads are not capacity-bound lets a queued lead through at once
        JsonNode fourth = create(s, owner, "web:4");
        assertThat(fourth.get("state").asString()).isEqualTo("QUEUED");
        put(owner, Map.of("strategy", "ROUND_ROBIN", "leadsCapacityBound", false), "/api/orgs/{org}/routing/portals/{portal}", s.org(), s.portal())
                .expectStatus().isOk().expectBody().jsonPath("$.leadsCapacityBound").isEqualTo(false);
        get(owner, "/api/orgs/{org}/leads/{id}", s.org(), fourth.get("id").asString()).expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("ASSIGNED");
    }

    @Test
    void employeesSeeTheirOwn_managersAndViewersAll_viewersChangeNothing_andAnotherOrgs404() {
        Setup s = org(5);
        String annsId = null;
        String bensId = null;
        for (int i = 0; i < 2; i++) {
            JsonNode lead = create(s, owner, "v-" + i);
            if (lead.get("assigneeId").asString().equals(ann.id().toString())) {
                annsId = lead.get("id").asString();
            } else {
                bensId = lead.get("id").asString();
            }
        }
        assertThat(listed(s, ann)).containsExactly(annsId);
        assertThat(listed(s, manager)).containsExactlyInAnyOrder(annsId, bensId);
        assertThat(listed(s, viewer)).containsExactlyInAnyOrder(annsId, bensId);
        JsonNode page = body(get(manager, "/api/orgs/{org}/portals/{portal}/leads", s.org(), s.portal()).expectStatus().isOk());
        page.get("items").forEach(item -> assertThat(item.get("contactName").asString()).as("each listed lead with its own contact").isEqualTo("Avery Chen"));
        get(ann, "/api/orgs/{org}/leads/{id}", s.org(), bensId).expectStatus().isNotFound();
        get(owner, "/api/orgs/{org}/conversations/{id}", s.org(), annsId).expectStatus().isNotFound();   // a lead is no conversation
        patch(ann, Map.of("statusId", "won"), "/api/orgs/{org}/leads/{id}", s.org(), bensId).expectStatus().isNotFound();
        patch(viewer, Map.of("statusId", "won"), "/api/orgs/{org}/leads/{id}", s.org(), bensId).expectStatus().isForbidden();
        post(viewer, Map.of("userId", ann.id()), "/api/orgs/{org}/leads/{id}/assign", s.org(), bensId).expectStatus().isForbidden();
        post(viewer, leadBody(s, "viewer-1"), "/api/orgs/{org}/leads", s.org()).expectStatus().isForbidden();
        post(ann, Map.of("userId", ann.id()), "/api/orgs/{org}/leads/{id}/assign", s.org(), bensId).expectStatus().isNotFound();
        post(ann, Map.of("text", "called"), "/api/orgs/{org}/leads/{id}/notes", s.org(), annsId).expectStatus().isCreated()
                .expectBody().jsonPath("$.leadId").isEqualTo(annsId);
        get(manager, "/api/orgs/{org}/leads/{id}/notes", s.org(), annsId).expectStatus().isOk().expectBody().jsonPath("$[0].text").isEqualTo("called");

        // the manager moves Ben's lead to Ann (within the rules) and back out
        post(manager, Map.of("userId", ann.id()), "/api/orgs/{org}/leads/{id}/assign", s.org(), bensId).expectStatus().isOk()
                .expectBody().jsonPath("$.assigneeId").isEqualTo(ann.id().toString());
        post(manager, Map.of(), "/api/orgs/{org}/leads/{id}/unassign", s.org(), bensId).expectStatus().isOk()
                .expectBody().jsonPath("$.assigneeId").isEqualTo(ben.id().toString());
        patch(manager, Map.of("statusId", "lost"), "/api/orgs/{org}/leads/{id}", s.org(), bensId).expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("CLOSED");

        Setup theirs = org(5);
        String theirLead = create(theirs, owner, "x-1").get("id").asString();
        get(owner, "/api/orgs/{org}/leads/{id}", s.org(), theirLead).expectStatus().isNotFound();
        get(owner, "/api/orgs/{org}/portals/{portal}/leads", s.org(), theirs.portal()).expectStatus().isNotFound();
        post(owner, Map.of("portalId", theirs.portal(), "clientId", s.client(), "source", "web", "contactName", "X"), "/api/orgs/{org}/leads", s.org())
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("portalId");
        post(owner, Map.of("portalId", s.portal(), "clientId", theirs.client(), "source", "web", "contactName", "X"), "/api/orgs/{org}/leads", s.org())
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("clientId");
        post(owner, Map.of("portalId", s.portal(), "teamId", UUID.randomUUID(), "clientId", s.client(), "source", "web", "contactName", "X"),
                "/api/orgs/{org}/leads", s.org())
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("teamId");
        assertThat(count("select count(*) from work_items where org_id = :org and kind = 'LEAD'", s.org())).isEqualTo(2);
    }

    @Test
    void leadStatuses_readByMembers_editedByAdminsOnly_removingOneInUseAsksWhereItsLeadsGo() {
        Setup s = org(5);
        String lead = create(s, owner, "st-1").get("id").asString();
        patch(owner, Map.of("statusId", "contacted"), "/api/orgs/{org}/leads/{id}", s.org(), lead).expectStatus().isOk();
        get(ann, "/api/orgs/{org}/lead-statuses", s.org()).expectStatus().isOk()
                .expectBody().jsonPath("$.statuses[1].id").isEqualTo("contacted");

        Map<String, Object> withoutContacted = Map.of("statuses", List.of(Map.of("id", "new", "name", "Fresh", "outcome", "OPEN"),
                Map.of("name", "Demo booked", "outcome", "OPEN"), Map.of("id", "won", "name", "Won", "outcome", "WON"),
                Map.of("id", "lost", "name", "Lost", "outcome", "LOST")));
        put(manager, withoutContacted, "/api/orgs/{org}/lead-statuses", s.org()).expectStatus().isForbidden();
        put(owner, withoutContacted, "/api/orgs/{org}/lead-statuses", s.org()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.statusId").isEqualTo("contacted").jsonPath("$.leads").isEqualTo(1);

        Map<String, Object> withMove = new HashMap<>(withoutContacted);
        withMove.put("moves", Map.of("contacted", "demo-booked"));
        put(owner, withMove, "/api/orgs/{org}/lead-statuses", s.org()).expectStatus().isOk()
                .expectBody().jsonPath("$.statuses[0].name").isEqualTo("Fresh").jsonPath("$.statuses[1].id").isEqualTo("demo-booked");
        JsonNode moved = body(get(owner, "/api/orgs/{org}/leads/{id}", s.org(), lead).expectStatus().isOk());
        assertThat(moved.get("statusId").asString()).isEqualTo("demo-booked");
        assertThat(moved.get("history")).hasSize(2);
        assertThat(moved.get("history").get(0).get("fromStatusName").asString()).as("renames show in history").isEqualTo("Fresh");
        assertThat(moved.get("history").get(0).get("toStatusId").asString()).isEqualTo("contacted");
        assertThat(moved.get("history").get(0).get("toStatusName").isNull()).isTrue();
        assertThat(count("select count(*) from outbox where event_key = cast(:org as text) and event_type = 'routing.lead-statuses.updated'", s.org()))
                .isEqualTo(1);
        assertThat(auditActions(s.org(), 1)).contains("routing.lead-statuses.updated");
    }
}
