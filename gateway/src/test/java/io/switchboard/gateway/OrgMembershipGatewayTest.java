package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventType;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.testing.RealServers;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway lets only active members into /api/orgs/{orgId}/**, from the membership events on a real
 * Kafka; the test publishes them as org-service would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a harness limit, not a speed goal: a loaded 2-core CI box can stall one exchange past the 5 s default
@AutoConfigureWebTestClient(timeout = "30s")
class OrgMembershipGatewayTest {

    private static final DownstreamStub ORG = new DownstreamStub("org-service");
    private static MembershipEvents events;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RealServers.registerKeycloak(registry);
        RealServers.registerKafka(registry);
        registry.add("switchboard.services.org", ORG::uri);
    }

    @BeforeAll
    static void producer() {
        events = new MembershipEvents();
    }

    @AfterAll
    static void close() {
        events.close();
        ORG.close();
    }

    @Autowired WebTestClient web;
    @LocalServerPort int port;

    @Test
    void activeMember_isLetThrough_removedMember_isRefusedWithTheSameToken() {
        String token = RealServers.keycloak().accessToken("bob@acme.test", "bob-demo-pass");
        UUID bob = subject(token);
        UUID org = UUID.randomUUID();

        publish(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, bob, "AGENT"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                get("/api/orgs/" + org + "/members", token).expectStatus().isOk());
        assertThat(ORG.received()).extracting(DownstreamStub.Received::path).contains("/api/orgs/" + org + "/members");

        publish(EventCatalog.MEMBER_REMOVED, org, new MemberRemoved(org, bob));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                get("/api/orgs/" + org + "/members", token).expectStatus().isNotFound()
                        .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/not-found"));
    }

    @Test
    void deactivatedMember_isRefused() {
        String token = RealServers.keycloak().accessToken("bob@acme.test", "bob-demo-pass");
        UUID bob = subject(token);
        UUID org = UUID.randomUUID();
        publish(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, bob, "VIEWER"));
        publish(EventCatalog.MEMBER_DEACTIVATED, org, new MemberDeactivated(org, bob));
        await().atMost(Duration.ofSeconds(15)).pollDelay(Duration.ofMillis(300)).untilAsserted(() ->
                get("/api/orgs/" + org, token).expectStatus().isNotFound());
    }

    @Test
    void memberOfAnotherOrg_isRefused_andTheServiceNeverSeesTheRequest() {
        String token = RealServers.keycloak().accessToken("carol@globex.test", "carol-demo-pass");
        UUID carol = subject(token);
        UUID herOrg = UUID.randomUUID();
        UUID otherOrg = UUID.randomUUID();
        publish(EventCatalog.MEMBER_JOINED, herOrg, new MemberJoined(herOrg, carol, "ADMIN"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get("/api/orgs/" + herOrg, token).expectStatus().isOk());
        ORG.forget();

        get("/api/orgs/" + otherOrg + "/members", token).expectStatus().isNotFound();
        get("/api/orgs/not-a-uuid/members", token).expectStatus().isNotFound();
        assertThat(ORG.received()).isEmpty();
    }

    @Test
    void disguisedOrgPath_isCheckedLikeThePlainOne() {
        String token = RealServers.keycloak().accessToken("carol@globex.test", "carol-demo-pass");
        UUID notHerOrg = UUID.randomUUID();
        ORG.forget();

        // %6F is an encoded "o": the route matches /api/orgs/*/members on the decoded path, so must the check
        web.get().uri(URI.create("http://localhost:" + port + "/api/%6Frgs/" + notHerOrg + "/members"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isNotFound();
        assertThat(ORG.received()).isEmpty();
    }

    @Test
    void readiness_waitsForTheProjection_thenIsUp() {
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec get(String path, String token) {
        return web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    private static <T extends Record> void publish(EventType<T> type, UUID org, T data) {
        events.publish(type, org, data);
    }

    private static UUID subject(String token) {
        return MembershipEvents.subject(token);
    }
}
