package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.identity.SessionEnded;
import io.switchboard.gateway.session.EndedSessions;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.SignedInUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Signing out ends a session at the gateway: once identity.session.ended for a token's {@code sid} arrives on the real
 * Kafka, that still-valid real Keycloak token is refused (401 session-ended) on every path, while another session of
 * the same person goes on; a forged event is not believed; a restarted gateway still refuses the session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a harness limit, not a speed goal: a loaded 2-core CI box can stall one exchange past the 5 s default
@AutoConfigureWebTestClient(timeout = "30s")
@ExtendWith(OutputCaptureExtension.class)
class SessionEndGatewayTest {

    private static final String PASSWORD = "session-pass-2026";
    private static final DownstreamStub ORG = new DownstreamStub("org-service");
    private static final DownstreamStub IDENTITY = new DownstreamStub("identity-service");
    private static final Events EVENTS = Events.onSharedBroker();

    static {
        // as identity-service declares it (IdentityConfig); the gateway never creates it
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.IDENTITY_SESSIONS, 3, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RealServers.registerKeycloak(registry);
        RealServers.registerKafka(registry);
        registry.add("switchboard.services.org", ORG::uri);
        registry.add("switchboard.services.identity", IDENTITY::uri);
    }

    @AfterAll
    static void close() {
        EVENTS.close();
        ORG.close();
        IDENTITY.close();
    }

    @Autowired WebTestClient web;
    @Autowired EndedSessions endedSessions;

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
        ORG.forget();
        IDENTITY.forget();
    }

    @Test
    void anEndedSessionsToken_isRefusedEverywhere_theSamePersonsOtherSessionGoesOn(CapturedOutput log) {
        String email = person();
        SignedInUser phone = SignedInUser.signIn(email, PASSWORD);
        SignedInUser laptop = SignedInUser.signIn(email, PASSWORD);
        String sid = sid(phone);
        assertThat(sid(laptop)).as("a second sign-in is another session").isNotEqualTo(sid);
        get("/api/me", phone).expectStatus().isOk();
        get("/api/me/orgs", phone).expectStatus().isOk();

        sessionEnded(phone, sid);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                get("/api/me", phone).expectStatus().isUnauthorized());
        ORG.forget();
        for (String path : List.of("/api/me", "/api/me/orgs", "/api/orgs/" + UUID.randomUUID() + "/members", "/api/me/notifications")) {
            byte[] body = get(path, phone).expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer error=\"invalid_token\""))
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/session-ended")
                    .jsonPath("$.status").isEqualTo(401)
                    .returnResult().getResponseBody();
            assertThat(new String(body)).doesNotContain(sid).doesNotContain(signature(phone));
        }
        // a public path that acts as its token's person (accepting an invitation) is refused too
        web.post().uri("/api/invitations/accept").header(HttpHeaders.AUTHORIZATION, phone.bearer())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isUnauthorized();
        assertThat(ORG.received()).as("no refused request reached a service").isEmpty();
        assertThat(IDENTITY.received()).isEmpty();

        get("/api/me", laptop).expectStatus().isOk();
        get("/api/me/orgs", laptop).expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo("org-service");

        // the sign-out itself still goes through, so a sign-out whose Keycloak step failed can be retried
        web.post().uri("/api/me/sign-out").header(HttpHeaders.AUTHORIZATION, phone.bearer()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo("identity-service");

        assertThat(log.getAll()).doesNotContain(sid).doesNotContain(signature(phone));
    }

    @Test
    void forgedSessionEvents_areNotBelieved() {
        String email = person();
        SignedInUser user = SignedInUser.signIn(email, PASSWORD);
        String sid = sid(user);
        Events.Envelope genuine = Events.envelope(EventCatalog.SESSION_ENDED, user.id(),
                new SessionEnded(user.id(), SessionEnded.hashOf(sid), "phone", Instant.now()));

        EVENTS.publish(genuine.withSource("notification-service"));
        EVENTS.publish(genuine.withSource("org-service"));
        EVENTS.publish(genuine.withKey(UUID.randomUUID().toString()).withSubject(null)); // no subject: not keyed by its person
        EVENTS.publish(genuine.withDataField("userId", UUID.randomUUID().toString())); // another person's data under this key
        // then a genuine event of another session of the same person: same key, same partition, read after the forged ones
        String barrier = SessionEnded.hashOf("barrier-" + UUID.randomUUID());
        EVENTS.publish(EventCatalog.SESSION_ENDED, user.id(), new SessionEnded(user.id(), barrier, null, Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> endedSessions.isEnded(barrier));

        assertThat(endedSessions.isEnded(SessionEnded.hashOf(sid))).isFalse();
        get("/api/me", user).expectStatus().isOk();
    }

    @Test
    void aRestartedGateway_stillRefusesTheEndedSession_readingFromTheTimeOffset() {
        String email = person();
        SignedInUser phone = SignedInUser.signIn(email, PASSWORD);
        SignedInUser laptop = SignedInUser.signIn(email, PASSWORD);
        sessionEnded(phone, sid(phone));
        await().atMost(Duration.ofSeconds(15)).until(() -> endedSessions.isEnded(SessionEnded.hashOf(sid(phone))));

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + RealServers.kafka().bootstrapServers(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + RealServers.keycloak().issuer(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + RealServers.keycloak().jwkSetUri(),
                "--switchboard.services.org=" + ORG.uri(),
                "--switchboard.services.identity=" + IDENTITY.uri())) {
            WebTestClient second = WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30))
                    .baseUrl("http://127.0.0.1:" + restarted.getEnvironment().getProperty("local.server.port")).build();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    second.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
            assertThat(restarted.getBean(EndedSessions.class).isEnded(SessionEnded.hashOf(sid(phone))))
                    .as("known as soon as the restarted gateway is ready").isTrue();

            second.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, phone.bearer()).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/session-ended");
            second.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, laptop.bearer()).exchange().expectStatus().isOk();
        }
    }

    private void sessionEnded(SignedInUser user, String sid) {
        EVENTS.publish(EventCatalog.SESSION_ENDED, user.id(), new SessionEnded(user.id(), SessionEnded.hashOf(sid), "phone", Instant.now()));
    }

    private WebTestClient.ResponseSpec get(String path, SignedInUser as) {
        return web.get().uri(path).header(HttpHeaders.AUTHORIZATION, as.bearer()).exchange();
    }

    private static String person() {
        String email = "session-" + UUID.randomUUID() + "@acme.test";
        RealServers.keycloak().createUser(email, PASSWORD, "Session", "Tester");
        return email;
    }

    private static String sid(SignedInUser user) {
        String sid = user.claims().path("sid").asString(null);
        assertThat(sid).as("Keycloak's access token names its session").isNotBlank();
        return sid;
    }

    private static String signature(SignedInUser user) {
        return user.token().substring(user.token().lastIndexOf('.') + 1);
    }
}
