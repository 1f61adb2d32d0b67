package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.testing.KeycloakServer;
import io.switchboard.testing.RealServers;
import io.switchboard.web.ProblemTypes;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The gateway against a real Keycloak: token validation, /api/me, and routing to stand-in services. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a harness limit, not a speed goal: a loaded 2-core CI box can stall one exchange past the 5 s default
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayTest {

    private static final DownstreamStub ORG = new DownstreamStub("org-service");
    private static final DownstreamStub NOTIFICATION = new DownstreamStub("notification-service");
    private static final Map<String, DownstreamStub> SERVICES = Map.of("identity", new DownstreamStub("identity-service"), "org", ORG,
            "portal", new DownstreamStub("portal-service"), "routing", new DownstreamStub("routing-service"), "notification", NOTIFICATION);
    /** routing-service's second instance: switchboard.services.routing names both, and the gateway takes them in turn. */
    private static final DownstreamStub ROUTING_SECOND = new DownstreamStub("routing-service");
    /** An org alice is an active member of, so the gateway lets her requests for it through to the routes. */
    private static final UUID ALICES_ORG = UUID.randomUUID();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RealServers.registerKeycloak(registry);
        RealServers.registerKafka(registry);
        SERVICES.forEach((name, stub) -> registry.add("switchboard.services." + name,
                () -> name.equals("routing") ? stub.uri() + ", " + ROUTING_SECOND.uri() : stub.uri()));
    }

    @BeforeAll
    static void aliceJoinsAnOrg() {
        String token = RealServers.keycloak().accessToken("alice@acme.test", "alice-demo-pass");
        try (MembershipEvents events = new MembershipEvents()) {
            events.publish(EventCatalog.MEMBER_JOINED, ALICES_ORG, new MemberJoined(ALICES_ORG, MembershipEvents.subject(token), "ADMIN"));
        }
    }

    @AfterAll
    static void stopStubs() {
        SERVICES.values().forEach(DownstreamStub::close);
        ROUTING_SECOND.close();
    }

    @Autowired WebTestClient web;
    @LocalServerPort int port;

    private final KeycloakServer keycloak = RealServers.keycloak();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void forgetRequests() {
        SERVICES.values().forEach(DownstreamStub::forget);
        ROUTING_SECOND.forget();
    }

    /** What reached the service {@code name}, on any of its instances. */
    private static List<DownstreamStub.Received> receivedBy(String name) {
        List<DownstreamStub.Received> received = new java.util.ArrayList<>(SERVICES.get(name).received());
        if (name.equals("routing")) {
            received.addAll(ROUTING_SECOND.received());
        }
        return received;
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
    void tokenWithOneSignatureCharacterChanged_isRefused() {
        String token = keycloak.accessToken("bob@acme.test", "bob-demo-pass");
        assertRefusedAsInvalid(changeOneSignatureCharacter(token));
    }

    @Test
    void tokenWhoseClaimsWereRewritten_isRefused() {
        String token = keycloak.accessToken("bob@acme.test", "bob-demo-pass");
        String[] parts = token.split("\\.");
        ObjectNode claims = (ObjectNode) claims(token);
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                json.writeValueAsBytes(claims.put("email", "alice@acme.test")));
        assertRefusedAsInvalid(parts[0] + "." + forgedPayload + "." + parts[2]);
    }

    @Test
    void tokenOfTheSameRealm_issuedToAClientWithoutTheApiAudience_isRefused() {
        // admin-cli exists in every realm; the realm file maps the switchboard-api audience only into dashboard tokens
        String token = passwordGrant("admin-cli", "alice@acme.test", "alice-demo-pass");
        // control: checking signature, issuer and expiry but not the audience, the token passes
        NimbusJwtDecoder everythingButAudience = NimbusJwtDecoder.withJwkSetUri(keycloak.jwkSetUri()).build();
        everythingButAudience.setJwtValidator(JwtValidators.createDefaultWithIssuer(keycloak.issuer()));
        Jwt decoded = everythingButAudience.decode(token);
        assertThat(decoded.getAudience() == null ? List.<String>of() : decoded.getAudience()).doesNotContain(KeycloakServer.AUDIENCE);

        assertRefusedAsInvalid(token);
    }

    @Test
    void tokenOfAnotherRealm_isRefused() {
        assertRefusedAsInvalid(keycloak.adminAccessToken());
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

    /** Every path of DESIGN.md section 4 reaches its owning service, and no other; nested paths go to the most specific owner. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            POST   | /api/signup                                        | identity
            POST   | /api/signup/confirm                                | identity
            POST   | /api/orgs/{org}/invitations                        | identity
            POST   | /api/orgs/{org}/invitations/batch                  | identity
            GET    | /api/orgs/{org}/invitations?status=PENDING         | identity
            POST   | /api/orgs/{org}/invitations/{id}/resend            | identity
            DELETE | /api/orgs/{org}/invitations/{id}                   | identity
            GET    | /api/invitations/some-token                        | identity
            POST   | /api/invitations/some-token/accept                 | identity
            POST   | /api/invitations/lookup                            | identity
            POST   | /api/invitations/accept                            | identity
            POST   | /api/orgs/{org}/users                              | identity
            POST   | /api/me/sign-out                                   | identity
            POST   | /api/orgs                                          | org
            GET    | /api/me/orgs                                       | org
            GET    | /api/orgs/{org}                                    | org
            PATCH  | /api/orgs/{org}                                    | org
            DELETE | /api/orgs/{org}                                    | org
            GET    | /api/orgs/{org}/members                            | org
            GET    | /api/orgs/{org}/members/{id}                       | org
            PATCH  | /api/orgs/{org}/members/{id}                       | org
            DELETE | /api/orgs/{org}/members/{id}                       | org
            POST   | /api/orgs/{org}/members/{id}/deactivate            | org
            POST   | /api/orgs/{org}/members/{id}/reactivate            | org
            DELETE | /api/me/orgs/{org}                                 | org
            GET    | /api/permissions                                   | org
            GET    | /api/orgs/{org}/roles                              | org
            POST   | /api/orgs/{org}/roles                              | org
            PATCH  | /api/orgs/{org}/roles/{id}                         | org
            DELETE | /api/orgs/{org}/roles/{id}                         | org
            POST   | /api/orgs/{org}/ownership-transfer                 | org
            DELETE | /api/orgs/{org}/ownership-transfer                 | org
            POST   | /api/orgs/{org}/ownership-transfer/accept          | org
            GET    | /api/orgs/{org}/audit-log?limit=20                 | org
            PUT    | /api/operator/orgs/{id}/plan                       | org
            GET    | /api/orgs/{org}/portals                            | portal
            POST   | /api/orgs/{org}/portals                            | portal
            PATCH  | /api/orgs/{org}/portals/{id}                       | portal
            DELETE | /api/orgs/{org}/portals/{id}                       | portal
            GET    | /api/orgs/{org}/portals/{id}/members               | portal
            PUT    | /api/orgs/{org}/portals/{id}/members/{id}          | portal
            DELETE | /api/orgs/{org}/portals/{id}/members/{id}          | portal
            PUT    | /api/orgs/{org}/portals/{id}/members/{id}/availability | portal
            GET    | /api/orgs/{org}/portals/{id}/dashboard             | portal
            GET    | /api/orgs/{org}/portals/overview                   | portal
            GET    | /api/orgs/{org}/clients                            | routing
            POST   | /api/orgs/{org}/clients                            | routing
            GET    | /api/orgs/{org}/clients/{id}                       | routing
            PATCH  | /api/orgs/{org}/clients/{id}                       | routing
            DELETE | /api/orgs/{org}/clients/{id}                       | routing
            GET    | /api/orgs/{org}/members/{id}/routing-profile       | routing
            PUT    | /api/orgs/{org}/members/{id}/routing-profile       | routing
            GET    | /api/orgs/{org}/teams                              | routing
            POST   | /api/orgs/{org}/teams                              | routing
            PATCH  | /api/orgs/{org}/teams/{id}                         | routing
            DELETE | /api/orgs/{org}/teams/{id}                         | routing
            POST   | /api/orgs/{org}/conversations                      | routing
            POST   | /api/orgs/{org}/conversations/{id}/assign          | routing
            POST   | /api/orgs/{org}/conversations/{id}/unassign        | routing
            POST   | /api/orgs/{org}/conversations/{id}/close           | routing
            POST   | /api/orgs/{org}/conversations/{id}/notes           | routing
            GET    | /api/orgs/{org}/portals/{id}/conversations         | routing
            GET    | /api/orgs/{org}/portals/{id}/leads                 | routing
            POST   | /api/orgs/{org}/leads                              | routing
            PATCH  | /api/orgs/{org}/leads/{id}                         | routing
            GET    | /api/orgs/{org}/leads/{id}                         | routing
            POST   | /api/orgs/{org}/leads/{id}/assign                  | routing
            POST   | /api/orgs/{org}/leads/{id}/unassign                | routing
            POST   | /api/orgs/{org}/leads/{id}/notes                   | routing
            GET    | /api/orgs/{org}/lead-statuses                      | routing
            PUT    | /api/orgs/{org}/lead-statuses                      | routing
            GET    | /api/orgs/{org}/portals/{id}/dashboard             | portal
            GET    | /api/orgs/{org}/portals/overview                   | portal
            GET    | /api/orgs/{org}/routing/queue                      | routing
            GET    | /api/orgs/{org}/routing/queue?portalId={id}        | routing
            GET    | /api/orgs/{org}/routing/portals/{id}               | routing
            PUT    | /api/orgs/{org}/routing/portals/{id}               | routing
            PUT    | /api/orgs/{org}/teams/{id}/members/{id}            | routing
            DELETE | /api/orgs/{org}/teams/{id}/members/{id}            | routing
            GET    | /api/orgs/{org}/conversations/{id}                 | routing
            GET    | /api/orgs/{org}/conversations/{id}/notes           | routing
            GET    | /api/me/notifications?unread=true                  | notification
            GET    | /api/me/notifications/unread-count                 | notification
            POST   | /api/me/notifications/{id}/read                    | notification
            POST   | /api/me/notifications/read-all                     | notification
            GET    | /api/me/notifications/stream                       | notification
            GET    | /api/push/vapid-public-key                         | notification
            POST   | /api/me/push-subscriptions                         | notification
            DELETE | /api/me/push-subscriptions/{id}                    | notification
            GET    | /api/me/notification-preferences?orgId={org}       | notification
            PUT    | /api/me/notification-preferences                   | notification
            """)
    void everyApiPath_reachesItsOwningService_only(String method, String template, String owner) {
        String token = keycloak.accessToken("alice@acme.test", "alice-demo-pass");
        String uri = template.replace("{org}", ALICES_ORG.toString()).replace("{id}", UUID.randomUUID().toString());
        var request = web.method(HttpMethod.valueOf(method)).uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        request.exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.servedBy").isEqualTo(owner + "-service");

        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        SERVICES.keySet().forEach(name -> assertThat(receivedBy(name))
                .as("requests that reached %s", name)
                .isEqualTo(name.equals(owner) ? List.of(new DownstreamStub.Received(method, path, "Bearer " + token)) : List.of()));
    }

    @Test
    void aServiceWithTwoInstances_getsRequestsOnBothInTurn() {
        String token = keycloak.accessToken("alice@acme.test", "alice-demo-pass");
        for (int i = 0; i < 4; i++) {
            web.get().uri("/api/orgs/" + ALICES_ORG + "/conversations").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo("routing-service");
        }
        assertThat(SERVICES.get("routing").received()).hasSize(2);
        assertThat(ROUTING_SECOND.received()).hasSize(2);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void tokens_neverAppearInTheLog(CapturedOutput log) {
        String token = keycloak.accessToken("alice@acme.test", "alice-demo-pass");
        web.get().uri("/api/me/orgs").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isOk();
        web.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange().expectStatus().isOk();
        String forged = changeOneSignatureCharacter(token);
        web.get().uri("/api/me/orgs").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged).exchange().expectStatus().isUnauthorized();

        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertThat(log.getAll()).doesNotContain(signature).doesNotContain(forged.substring(forged.lastIndexOf('.') + 1));
    }

    @Test
    void publicPath_isOpenWithoutToken() {
        web.get().uri("/api/push/vapid-public-key").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.servedBy").isEqualTo("notification-service");
        assertThat(NOTIFICATION.received()).extracting(DownstreamStub.Received::authorization).containsExactly((String) null);
    }

    @Test
    void operatorPaths_needAToken_butNoOrgMembership() {
        web.put().uri("/api/operator/orgs/" + UUID.randomUUID() + "/plan").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();
        assertThat(ORG.received()).isEmpty();
        String token = keycloak.accessToken("carol@globex.test", "carol-demo-pass"); // a member of no org known here
        web.put().uri("/api/operator/orgs/" + UUID.randomUUID() + "/plan").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo("org-service");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/signup", "/api/signup/confirm", "/api/invitations/lookup", "/api/invitations/accept", "/api/invitations/some-token/accept"})
    void publicTokenEndpoints_areOpenWithoutAToken(String path) {
        web.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo("identity-service");
    }

    /** /internal/** is for service-to-service calls: even a service's own token reaches nothing through the gateway. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"/internal/orgs/{org}/seat-reservations/{id}", "/%69nternal/orgs/{org}/seat-reservations/{id}", "/internal"})
    void internalPaths_answer404ThroughTheGateway_evenToTheSeatReservingService(String template) {
        String path = template.replace("{org}", ALICES_ORG.toString()).replace("{id}", UUID.randomUUID().toString());
        URI uri = URI.create("http://localhost:" + port + path);
        String serviceToken = clientCredentialsToken("identity-service", "identity-service-dev-secret");
        web.put().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + serviceToken).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"role\":\"OWNER\",\"expiresAt\":\"9999-01-01T00:00:00Z\"}").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND.toString());
        web.delete().uri(uri).exchange().expectStatus().isNotFound();
        SERVICES.forEach((name, stub) -> assertThat(stub.received()).as("requests that reached %s", name).isEmpty());
    }

    @Test
    void invitationLinks_answerWithNoReferrer_soTheTokenInThePathLeaksToNoOtherSite() {
        web.get().uri("/api/invitations/some-token").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer");
        web.post().uri("/api/invitations/some-token/accept").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer");
    }

    @Test
    void appRoutes_answerTheWebApp_withoutAToken_andTheApiStaysTheApi() {
        for (String route : List.of("/", "/invite/some-token", "/orgs/" + ALICES_ORG + "/members")) {
            web.get().uri(route).accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                            .contains("script-src 'self'").contains("connect-src 'self' " + keycloak.baseUrl().replaceAll("/$", "")))
                    .expectBody(String.class).value(html -> assertThat(html).contains("<div id=\"root\"></div>"));
        }
        web.get().uri("/invite/some-token").exchange().expectHeader().valueEquals("Referrer-Policy", "no-referrer");
        web.get().uri("/api/orgs/" + ALICES_ORG + "/members").accept(MediaType.TEXT_HTML).exchange().expectStatus().isUnauthorized();
        web.post().uri("/orgs/x").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void appFiles_areServed_hashedAssetsCachedForAYear() throws Exception {
        web.get().uri("/manifest.webmanifest").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.display").isEqualTo("standalone").jsonPath("$.icons.length()").isEqualTo(3);
        web.get().uri("/sw.js").exchange().expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
        String html = web.get().uri("/").exchange().expectBody(String.class).returnResult().getResponseBody();
        var script = java.util.regex.Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
        assertThat(script.find()).as("index.html names its script").isTrue();
        web.get().uri(script.group(1)).exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable");
        // a plain client that leaves the body as sent: the browser's download is the compressed size
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + script.group(1))).header("Accept-Encoding", "gzip").build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Encoding")).as("headers %s", response.headers().map()).contains("gzip");
        web.get().uri("/assets/no-such-file.js").exchange().expectStatus().isNotFound();
    }

    @Test
    void appConfig_namesTheKeycloakTheGatewayTrusts() {
        web.get().uri("/app-config.json").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.keycloakUrl").isEqualTo(keycloak.baseUrl().replaceAll("/$", ""))
                .jsonPath("$.realm").isEqualTo("switchboard")
                .jsonPath("$.clientId").isEqualTo("dashboard");
    }

    /** A person who signed up as someone else's address never confirmed it: their token opens nothing but /api/me. */
    @Test
    void tokenOfAnUnverifiedEmail_isRefusedEverywhereButMeAndPublicPaths() {
        String email = "squatter-" + UUID.randomUUID() + "@victim.test";
        createUnverifiedUser(email, "squatter-pass-1");
        String token = keycloak.accessToken(email, "squatter-pass-1");
        assertThat(claims(token).get("email_verified").asBoolean()).isFalse();

        web.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.email").isEqualTo(email);
        for (String path : List.of("/api/me/orgs", "/api/orgs/" + ALICES_ORG, "/api/me/notifications", "/api/permissions")) {
            web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/email-not-verified")
                    .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("confirm").contains("mail"));
        }
        web.post().uri("/api/orgs").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Victim Inc\"}").exchange().expectStatus().isForbidden();
        assertThat(ORG.received()).isEmpty();
        assertThat(NOTIFICATION.received()).isEmpty();

        // public endpoints stay open to them (accepting an invitation is how an address gets proved)
        web.get().uri("/api/invitations/some-token").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo("identity-service");
    }

    @Test
    void prometheusScrape_answersAScraperOnThisHost_butNotARequestAProxyForwarded() {
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                        .expectBody(String.class).value(body -> assertThat(body)
                                .contains("http_server_requests_seconds_count{")
                                .contains("jvm_memory_used_bytes")
                                // the lag of the readers by assignment, which Boot does not bind (ReaderMetrics)
                                .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*reader=\"membership-projection\"")
                                .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*reader=\"ended-sessions\"")));
        // what comes through a reverse proxy (the public) gets no metrics, with or without a token
        web.get().uri("/actuator/prometheus").header("X-Forwarded-For", "203.0.113.7").exchange().expectStatus().isUnauthorized();
        web.get().uri("/actuator/prometheus").header("Forwarded", "for=203.0.113.7").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void readinessProbe_isOpen_andUpOnceTheMembershipProjectionCaughtUp() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    private void assertRefusedAsInvalid(String token) {
        web.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.UNAUTHORIZED.toString())
                .jsonPath("$.status").isEqualTo(401);
    }

    /**
     * Flips one character in the middle of the signature: the last character of a base64url RS256 signature
     * carries padding bits, so changing it may decode to the very same signature.
     */
    private static String changeOneSignatureCharacter(String token) {
        int dot = token.lastIndexOf('.');
        int middle = dot + (token.length() - dot) / 2;
        char replacement = token.charAt(middle) == 'A' ? 'B' : 'A';
        return token.substring(0, middle) + replacement + token.substring(middle + 1);
    }

    private String passwordGrant(String clientId, String username, String password) {
        String form = "grant_type=password&client_id=" + clientId + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        String response = WebTestClient.bindToServer().baseUrl(keycloak.issuer()).build()
                .post().uri("/protocol/openid-connect/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return json.readTree(response).get("access_token").asString();
    }

    /** A Keycloak account whose address was never proved, made through the admin API (as a sign-up makes one). */
    private void createUnverifiedUser(String email, String password) {
        String user = json.writeValueAsString(Map.of("username", email, "email", email, "firstName", "Un", "lastName", "Verified",
                "enabled", true, "emailVerified", false,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        WebTestClient.bindToServer().baseUrl(keycloak.baseUrl()).build()
                .post().uri("/admin/realms/" + KeycloakServer.REALM + "/users")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + keycloak.adminAccessToken())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(user).exchange()
                .expectStatus().isCreated();
    }

    private String clientCredentialsToken(String clientId, String secret) {
        String response = WebTestClient.bindToServer().baseUrl(keycloak.issuer()).build()
                .post().uri("/protocol/openid-connect/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return json.readTree(response).get("access_token").asString();
    }

    private JsonNode claims(String token) {
        return json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
