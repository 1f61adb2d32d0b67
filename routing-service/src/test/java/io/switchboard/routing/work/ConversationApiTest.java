package io.switchboard.routing.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.access.PortalRole;
import io.switchboard.routing.RoutingIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The conversation API on the real servers: who sees and changes which conversation (the portal access rule). */
class ConversationApiTest extends RoutingIntegrationTest {

    private final Person owner = person("conv-owner");
    private final Person manager = person("conv-manager");
    private final Person ann = person("conv-ann");
    private final Person ben = person("conv-ben");
    private final Person viewer = person("conv-viewer");

    private record Setup(UUID org, UUID portal, UUID client) {
    }

    private Setup org() {
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
        UUID client = createClient(org, owner, "Acme Shoes");
        setProfile(owner, org, ann, Map.of("SMS", 2), Map.of(client, List.of("SMS")));
        setProfile(owner, org, ben, Map.of("SMS", 2), Map.of(client, List.of("SMS")));
        return new Setup(org, portal, client);
    }

    private JsonNode open(Setup s, Person as, String externalId) {
        return body(post(as, Map.of("portalId", s.portal(), "clientId", s.client(), "channel", "SMS", "externalId", externalId),
                "/api/orgs/{org}/conversations", s.org()).expectStatus().isCreated());
    }

    private List<String> listed(Setup s, Person as) {
        JsonNode page = body(get(as, "/api/orgs/{org}/portals/{portal}/conversations", s.org(), s.portal()).expectStatus().isOk());
        List<String> ids = new java.util.ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    @Test
    void employeesSeeTheirOwn_managersAndViewersAll_andViewersChangeNothing() {
        Setup s = org();
        JsonNode first = open(s, owner, "c-1");
        JsonNode second = open(s, owner, "c-2");
        String annsId = first.get("assigneeId").asString().equals(ann.id().toString()) ? first.get("id").asString() : second.get("id").asString();
        String bensId = annsId.equals(first.get("id").asString()) ? second.get("id").asString() : first.get("id").asString();

        assertThat(listed(s, ann)).containsExactly(annsId);
        assertThat(listed(s, manager)).containsExactlyInAnyOrder(annsId, bensId);
        assertThat(listed(s, viewer)).containsExactlyInAnyOrder(annsId, bensId);
        get(ann, "/api/orgs/{org}/conversations/{id}", s.org(), bensId).expectStatus().isNotFound();
        post(viewer, Map.of("userId", ann.id()), "/api/orgs/{org}/conversations/{id}/assign", s.org(), bensId).expectStatus().isForbidden();
        post(viewer, Map.of(), "/api/orgs/{org}/conversations/{id}/close", s.org(), bensId).expectStatus().isForbidden();
        post(ann, Map.of("userId", ann.id()), "/api/orgs/{org}/conversations/{id}/assign", s.org(), annsId).expectStatus().isForbidden();

        // a closed conversation stays with whoever held it
        post(ann, Map.of(), "/api/orgs/{org}/conversations/{id}/close", s.org(), annsId).expectStatus().isOk();
        get(ann, "/api/orgs/{org}/conversations/{id}", s.org(), annsId).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED").jsonPath("$.assigneeId").isEqualTo(ann.id().toString());
    }

    @Test
    void anotherOrganizationsConversationsAndPortals_answer404() {
        Setup mine = org();
        Setup theirs = org();
        String theirConversation = open(theirs, owner, "x-1").get("id").asString();
        // the owner owns both organizations; ask through the wrong one
        get(owner, "/api/orgs/{org}/conversations/{id}", mine.org(), theirConversation).expectStatus().isNotFound();
        post(owner, Map.of(), "/api/orgs/{org}/conversations/{id}/close", mine.org(), theirConversation).expectStatus().isNotFound();
        get(owner, "/api/orgs/{org}/portals/{portal}/conversations", mine.org(), theirs.portal()).expectStatus().isNotFound();
        get(owner, "/api/orgs/{org}/portals/{portal}/conversations", mine.org(), UUID.randomUUID()).expectStatus().isNotFound();
    }

    @Test
    void openingAKnownExternalId_answersTheSameConversation_onlyToWhoeverMaySeeIt() {
        Setup s = org();
        JsonNode opened = open(s, owner, "dup-1");
        post(owner, Map.of("portalId", s.portal(), "clientId", s.client(), "channel", "SMS", "externalId", "dup-1"),
                "/api/orgs/{org}/conversations", s.org())
                .expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(opened.get("id").asString());
        Person notHolder = opened.get("assigneeId").asString().equals(ann.id().toString()) ? ben : ann;
        post(notHolder, Map.of("portalId", s.portal(), "clientId", s.client(), "channel", "SMS", "externalId", "dup-1"),
                "/api/orgs/{org}/conversations", s.org())
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/external-id-taken")
                .jsonPath("$.id").doesNotExist();
    }

    @Test
    void assigningToAViewer_isRefused_evenForced() {
        Setup s = org();
        String id = open(s, owner, "v-1").get("id").asString();
        post(owner, Map.of("userId", viewer.id(), "force", true), "/api/orgs/{org}/conversations/{id}/assign", s.org(), id)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/takes-no-work")
                .jsonPath("$.errors[0].field").isEqualTo("userId");
    }

    @Test
    void pagesOfAPortalsConversations_followOneAnother_withoutGapsOrRepeats() {
        Setup s = org();
        for (int i = 0; i < 5; i++) {
            open(s, owner, "p-" + i);
        }
        JsonNode first = body(get(owner, "/api/orgs/{org}/portals/{portal}/conversations?limit=2", s.org(), s.portal()).expectStatus().isOk());
        JsonNode second = body(get(owner, "/api/orgs/{org}/portals/{portal}/conversations?limit=2&before={b}", s.org(), s.portal(),
                first.get("nextBefore").asString()).expectStatus().isOk());
        JsonNode third = body(get(owner, "/api/orgs/{org}/portals/{portal}/conversations?limit=2&before={b}", s.org(), s.portal(),
                second.get("nextBefore").asString()).expectStatus().isOk());
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("items").forEach(item -> ids.add(item.get("externalId").asString()));
        }
        assertThat(ids).containsExactly("p-4", "p-3", "p-2", "p-1", "p-0");
        assertThat(third.path("nextBefore").isNull() || third.path("nextBefore").isMissingNode()).as("no page after the last").isTrue();
        get(owner, "/api/orgs/{org}/portals/{portal}/conversations?before=yesterday", s.org(), s.portal()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("before");
    }
}
