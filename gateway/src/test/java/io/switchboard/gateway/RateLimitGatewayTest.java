package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.gateway.ratelimit.RateLimits;
import io.switchboard.testing.RealServers;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Rate limits at the gateway, with requests from several real client addresses (the test client binds its
 * connections to 127.0.0.x); 127.0.0.3 plays a trusted reverse proxy. Small limits so the tests are quick.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.gateway.rate-limit.trusted-proxies=127.0.0.3",
        "switchboard.gateway.rate-limit.max-tracked-keys=50",
        "switchboard.gateway.rate-limit.rules.public-token.limit=5",
        "switchboard.gateway.rate-limit.rules.public-token.per=1h",
        "switchboard.gateway.rate-limit.rules.user-creation.limit=3",
        "switchboard.gateway.rate-limit.rules.batch-invitations.limit=2"})
class RateLimitGatewayTest {

    private static final int PUBLIC_LIMIT = 5;
    private static final String PROXY = "127.0.0.3";
    private static final DownstreamStub IDENTITY = new DownstreamStub("identity-service");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RealServers.registerKeycloak(registry);
        RealServers.registerKafka(registry);
        registry.add("switchboard.services.identity", IDENTITY::uri);
    }

    @AfterAll
    static void stopStub() {
        IDENTITY.close();
    }

    @LocalServerPort int port;
    @Autowired RateLimits rateLimits;

    @Test
    void oneClientExhaustingItsBucket_doesNotLockOutAnotherAddress() {
        WebTestClient attacker = ClientAt.address("127.0.0.2", port);
        WebTestClient invitee = ClientAt.address("127.0.0.4", port);
        for (int i = 0; i < PUBLIC_LIMIT; i++) {
            attacker.get().uri("/api/invitations/guess-" + i).exchange().expectStatus().isOk();
        }
        attacker.get().uri("/api/invitations/guess-next").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/rate-limited")
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.instance").doesNotExist(); // the path holds a token
        assertThat(Long.parseLong(attacker.get().uri("/api/invitations/x").exchange().returnResult(Void.class)
                .getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 3600L);

        invitee.get().uri("/api/invitations/my-real-token").exchange().expectStatus().isOk();
        invitee.post().uri("/api/invitations/my-real-token/accept").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isOk();
    }

    @Test
    void percentEncodedInvitationPath_isCounted() {
        WebTestClient client = ClientAt.address("127.0.0.5", port);
        // %69 is "i", %70 is "p": the route forwards these like the plain paths, so they take from the same bucket
        for (int i = 0; i < 3; i++) {
            client.get().uri(URI.create("http://127.0.0.1:" + port + "/api/%69nvitations/guess-" + i)).exchange().expectStatus().isOk();
        }
        for (int i = 0; i < 2; i++) {
            client.post().uri(URI.create("http://127.0.0.1:" + port + "/api/signu%70")).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectStatus().isOk();
        }
        client.get().uri(URI.create("http://127.0.0.1:" + port + "/api/%69nvitations/guess-next")).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        client.post().uri(URI.create("http://127.0.0.1:" + port + "/api/signup/confir%6D")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void manyDistinctAddresses_keepTheBucketMapBounded() {
        WebTestClient proxy = ClientAt.address(PROXY, port);
        for (int i = 0; i < 300; i++) {
            proxy.get().uri("/api/invitations/t").header("X-Forwarded-For", "198.18." + (i / 250) + "." + (i % 250))
                    .exchange().expectStatus().isOk();
        }
        assertThat(rateLimits.trackedKeys("public-token")).isPositive().isLessThanOrEqualTo(50);
    }

    @Test
    void forwardedForWrittenByTheClient_behindTheTrustedProxy_doesNotEscapeTheBucket() {
        WebTestClient proxy = ClientAt.address(PROXY, port);
        // the client invents the left part; the proxy appends the address it really saw (203.0.113.77)
        for (int i = 0; i < PUBLIC_LIMIT; i++) {
            proxy.get().uri("/api/invitations/t").header("X-Forwarded-For", "10.9.8." + i + ", 203.0.113.77").exchange().expectStatus().isOk();
        }
        proxy.get().uri("/api/invitations/t").header("X-Forwarded-For", "10.9.8.99, 203.0.113.77").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        // another client behind the same proxy has its own bucket
        proxy.get().uri("/api/invitations/t").header("X-Forwarded-For", "203.0.113.78").exchange().expectStatus().isOk();
    }

    @Test
    void forwardedForFromAnUntrustedPeer_isIgnored() {
        WebTestClient client = ClientAt.address("127.0.0.6", port);
        for (int i = 0; i < PUBLIC_LIMIT; i++) {
            client.get().uri("/api/invitations/t").header("X-Forwarded-For", "192.0.2." + i).exchange().expectStatus().isOk();
        }
        client.get().uri("/api/invitations/t").header("X-Forwarded-For", "192.0.2.200").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void oneCallerCreatingAccounts_isLimitedPerCaller_fromWhateverAddress() {
        String alice = RealServers.keycloak().accessToken("alice@acme.test", "alice-demo-pass");
        String bob = RealServers.keycloak().accessToken("bob@acme.test", "bob-demo-pass");
        UUID org = UUID.randomUUID();
        try (MembershipEvents events = new MembershipEvents()) {
            events.publish(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, MembershipEvents.subject(alice), "ADMIN"));
            events.publish(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, MembershipEvents.subject(bob), "ADMIN"));
        }
        WebTestClient first = ClientAt.address("127.0.0.7", port);
        WebTestClient second = ClientAt.address("127.0.0.8", port);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                createUser(first, org, bob).expectStatus().isOk());

        for (int i = 0; i < 3; i++) {
            createUser(i % 2 == 0 ? first : second, org, alice).expectStatus().isOk();
        }
        createUser(second, org, alice).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/rate-limited");
        createUser(first, org, bob).expectStatus().isOk();

        for (int i = 0; i < 2; i++) {
            batch(first, org, alice).expectStatus().isOk();
        }
        batch(second, org, alice).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    private static WebTestClient.ResponseSpec createUser(WebTestClient client, UUID org, String token) {
        return client.post().uri("/api/orgs/" + org + "/users").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }

    private static WebTestClient.ResponseSpec batch(WebTestClient client, UUID org, String token) {
        return client.post().uri("/api/orgs/" + org + "/invitations/batch").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }
}
