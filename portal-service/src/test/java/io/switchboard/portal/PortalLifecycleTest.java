package io.switchboard.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Creating, renaming and archiving portals; bad input answers 400/409 naming the field with nothing written. */
class PortalLifecycleTest extends PortalIntegrationTest {

    private final Person owner = person("owner");
    private final Person agent = person("agent");

    private WebTestClient.ResponseSpec create(UUID org, Object body) {
        return web.post().uri("/api/orgs/{org}/portals", org).header(HttpHeaders.AUTHORIZATION, owner.bearer()).bodyValue(body).exchange();
    }

    @Test
    void badNames_unknownFields_andDuplicates_writeNothing() {
        UUID org = newOrg(owner);
        createPortal(org, owner, "Support");
        long portals = count("select count(*) from portals where org_id = :org", org);
        long outbox = count("select count(*) from outbox where event_key = cast(:org as text)", org);

        create(org, Map.of("name", "x".repeat(101))).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        create(org, Map.of("name", "  ")).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        create(org, Map.of("name", "Other", "owner", "me")).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("owner");
        create(org, Map.of("name", "Other", "accentColor", "blue")).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("accentColor");
        create(org, Map.of("name", "  SUPPORT ")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/portal-name-taken")
                .jsonPath("$.errors[0].field").isEqualTo("name");
        create(org, Map.of("name", "sales portal")).expectStatus().isEqualTo(409);

        assertThat(count("select count(*) from portals where org_id = :org", org)).isEqualTo(portals);
        assertThat(count("select count(*) from outbox where event_key = cast(:org as text)", org)).isEqualTo(outbox);
    }

    @Test
    void concurrentCreatesOfOneName_makeOnePortal_andTheOthersHear409() throws Exception {
        UUID org = newOrg(owner);
        String token = owner.bearer();
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = i % 2 == 0 ? "Night shift" : "NIGHT SHIFT ";
            creates.add(() -> web.post().uri("/api/orgs/{org}/portals", org).header(HttpHeaders.AUTHORIZATION, token)
                    .bodyValue(Map.of("name", name)).exchange().returnResult(byte[].class).getStatus().value());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<Integer> status : pool.invokeAll(creates)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
        assertThat(count("select count(*) from portals where org_id = :org and lower(name) = 'night shift'", org)).isEqualTo(1);
    }

    @Test
    void create_answers201WithLocation_andPublishesTheEventAndAudit() {
        UUID org = newOrg(owner);

        var response = create(org, Map.of("name", "  Support ", "description", "Second line", "accentColor", "#1A2B3C")).expectStatus().isCreated();
        JsonNode portal = body(response);

        UUID id = UUID.fromString(portal.get("id").asString());
        assertThat(portal.get("name").asString()).isEqualTo("Support");
        assertThat(portal.get("accentColor").asString()).isEqualTo("#1a2b3c");
        assertThat(portal.get("myPortalRole").isNull()).isTrue();
        get(owner, "/api/orgs/{org}/portals/{portal}", org, id).expectStatus().isOk();
        assertThat(events(Topics.PORTAL_PORTALS, "portal.portal.created", org, 2))
                .extracting(e -> e.path("data").path("name").asString()).contains("Sales Portal", "Support");
        JsonNode audit = events(Topics.PORTAL_AUDIT, "portal.audit.recorded", org, 2).stream()
                .filter(e -> e.path("data").path("target").asString().equals("portal:" + id)).findFirst().orElseThrow();
        assertThat(audit.path("data").path("action").asString()).isEqualTo("portal.created");
        assertThat(audit.path("data").path("actorId").asString()).isEqualTo(owner.id().toString());
        assertThat(audit.path("data").path("after").path("name").asString()).isEqualTo("Support");
    }

    @Test
    void archive_takesEveryMemberOut_andNamesTheDefaultPortal_whichItselfCannotBeArchived() {
        UUID org = newOrg(owner);
        UUID support = createPortal(org, owner, "Support");
        join(org, agent, "AGENT", support);
        await().atMost(Duration.ofSeconds(20)).until(() -> portalRole(support, agent.id()) != null);
        UUID sales = defaultPortal(org);

        web.delete().uri("/api/orgs/{org}/portals/{portal}", org, sales).header(HttpHeaders.AUTHORIZATION, owner.bearer()).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/default-portal");
        web.delete().uri("/api/orgs/{org}/portals/{portal}", org, support).header(HttpHeaders.AUTHORIZATION, owner.bearer()).exchange()
                .expectStatus().isNoContent();

        assertThat(portalRole(support, agent.id())).isNull();
        get(owner, "/api/orgs/{org}/portals/{portal}", org, support).expectStatus().isNotFound();
        get(owner, "/api/orgs/{org}/portals/{portal}/members", org, support).expectStatus().isNotFound();
        assertThat(body(get(owner, "/api/orgs/{org}/portals", org).expectStatus().isOk())).hasSize(1);
        JsonNode all = body(get(owner, "/api/orgs/{org}/portals?includeArchived=true", org).expectStatus().isOk());
        assertThat(all).hasSize(2);
        JsonNode archived = all.get(1);
        assertThat(archived.get("archived").asBoolean()).isTrue();
        assertThat(archived.get("archivedAt").isNull()).isFalse();
        assertThat(body(get(agent, "/api/orgs/{org}/portals?includeArchived=true", org).expectStatus().isOk())).isEmpty();
        // the name is free again
        createPortal(org, owner, "support");

        JsonNode event = events(Topics.PORTAL_PORTALS, "portal.portal.archived", org, 1).getFirst();
        assertThat(event.path("data").path("defaultPortalId").asString()).isEqualTo(sales.toString());
        assertThat(events(Topics.PORTAL_PORTALS, "portal.member.removed", org, 1))
                .extracting(e -> e.path("data").path("reason").asString()).containsExactly("PORTAL_ARCHIVED");
    }

    @Test
    void availabilityLog_pagesNewestFirst_withACursor() {
        UUID org = newOrg(owner);
        UUID sales = defaultPortal(org);
        join(org, agent, "AGENT");
        await().atMost(Duration.ofSeconds(20)).until(() -> portalRole(sales, agent.id()) != null);
        for (int i = 0; i < 4; i++) {
            setAvailability(agent, org, sales, agent, i % 2 == 1).expectStatus().isOk();
        }
        setAvailability(agent, org, sales, agent, true).expectStatus().isOk(); // unchanged: no entry

        JsonNode first = body(get(owner, "/api/orgs/{org}/portals/{portal}/availability-log?limit=3", org, sales).expectStatus().isOk());
        assertThat(first.get("entries")).hasSize(3);
        long cursor = first.get("nextBefore").asLong();
        JsonNode second = body(get(owner, "/api/orgs/{org}/portals/{portal}/availability-log?limit=3&before={b}", org, sales, cursor).expectStatus().isOk());
        assertThat(second.get("entries")).hasSize(2);
        assertThat(second.get("nextBefore").isNull()).isTrue();
        assertThat(second.get("entries").get(1).get("reason").asString()).isEqualTo("JOINED");
        assertThat(first.get("entries").get(0).get("id").asLong()).isGreaterThan(first.get("entries").get(1).get("id").asLong());
        get(owner, "/api/orgs/{org}/portals/{portal}/availability-log?limit=201", org, sales).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
    }
}
