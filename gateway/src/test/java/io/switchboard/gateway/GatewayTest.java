package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.testing.KeycloakServer;
import io.switchboard.testing.RealServers;
import io.switchboard.web.ProblemTypes;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway against a real Keycloak: token validation, /api/me, and routing to stand-in services. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayTest {

    private static final DownstreamStub ORG = new DownstreamStub("org-service");
    private static final DownstreamStub ROUTING = new DownstreamStub("routing-service");
    private static final DownstreamStub NOTIFICATION = new DownstreamStub("notification-service");
    private static final Map<String, DownstreamStub> SERVICES = Map.of("org", ORG, "routing", ROUTING, "notification", NOTIFICATION);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RealServers.registerKeycloak(registry);
        RealServers.registerKafka(registry);
        SERVICES.forEach((name, stub) -> registry.add("switchboard.services." + name, stub::uri));
    }

    @AfterAll
    static void stopStubs() {
        SERVICES.values().forEach(DownstreamStub::close);
    }

    @Autowired WebTestClient web;

    private final KeycloakServer keycloak = RealServers.keycloak();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void forgetRequests() {
        SERVICES.values().forEach(DownstreamStub::forget);
    }

    @Test
    void me_answersTheCallerNamedByTheToken() {
        String token = keycloak.accessToken("alice@acme.test", "alice-demo-pass");
        String subject = claims(token).get("sub").asString();

        web.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(subject)
                .jsonPath("$.email").isEqualTo("alice@acme.test")
                .jsonPath("$.name").isEqualTo("Alice Owner");
        assertThat(UUID.fromString(subject)).isNotNull();
    }

    @Test
    void me_withoutToken_isUnauthorizedProblemJson() {
        web.get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.UNAUTHORIZED.toString())
                .jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void tamperedToken_isRefused() {
        String token = keycloak.accessToken("bob@acme.test", "bob-demo-pass");
        String[] parts = token.split("\\.");
        JsonNode claims = claims(token);
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                json.writeValueAsBytes(((tools.jackson.databind.node.ObjectNode) claims).put("email", "alice@acme.test")));
        String forged = parts[0] + "." + forgedPayload + "." + parts[2];

        web.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.UNAUTHORIZED.toString());
    }

    @Test
    void tokenSignedByKeycloakForAnotherRealmAndAudience_isRefused() {
        String adminToken = keycloak.adminAccessToken();
        web.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + adminToken).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void protectedRoute_withoutToken_neverReachesTheService() {
        web.get().uri("/api/me/orgs").exchange().expectStatus().isUnauthorized();
        assertThat(ORG.received()).isEmpty();
    }

    @Test
    void protectedRoute_withToken_reachesTheOwningService_withTheTokenIntact() {
        String token = keycloak.accessToken("alice@acme.test", "alice-demo-pass");
        web.get().uri("/api/me/orgs").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.servedBy").isEqualTo("org-service");
        assertThat(ORG.received()).containsExactly(new DownstreamStub.Received("GET", "/api/me/orgs", "Bearer " + token));
    }

    @Test
    void nestedRoutingPaths_goToRoutingService_notToTheirParentsOwner() {
        String token = keycloak.accessToken("alice@acme.test", "alice-demo-pass");
        UUID orgId = UUID.randomUUID();
        try (MembershipEvents events = new MembershipEvents()) {
            events.publish(EventCatalog.MEMBER_JOINED, orgId, new MemberJoined(orgId, MembershipEvents.subject(token), "ADMIN"));
        }
        String org = orgId.toString();
        String user = UUID.randomUUID().toString();
        web.get().uri("/api/orgs/" + org + "/members/" + user + "/routing-profile").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectBody().jsonPath("$.servedBy").isEqualTo("routing-service");
        web.get().uri("/api/orgs/" + org + "/members/" + user).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectBody().jsonPath("$.servedBy").isEqualTo("org-service");
        assertThat(ROUTING.received()).extracting(DownstreamStub.Received::path)
                .containsExactly("/api/orgs/" + org + "/members/" + user + "/routing-profile");
    }

    @Test
    void publicPath_isOpenWithoutToken() {
        web.get().uri("/api/push/vapid-public-key").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.servedBy").isEqualTo("notification-service");
        assertThat(NOTIFICATION.received()).extracting(DownstreamStub.Received::authorization).containsExactly((String) null);
    }

    @Test
    void readinessProbe_isOpen_andUpOnceTheMembershipProjectionCaughtUp() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    private JsonNode claims(String token) {
        return json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
