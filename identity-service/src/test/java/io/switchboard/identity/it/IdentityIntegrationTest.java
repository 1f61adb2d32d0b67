package io.switchboard.identity.it;

import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.OrganizationCreated;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.SignedInUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

/**
 * identity-service on the real servers: PostgreSQL, Kafka, and the real Keycloak with the switchboard realm
 * (accounts, tokens, the service's client credentials). Memberships and org names arrive as org-service would
 * publish them; org-service's seat API is {@link FakeOrgService}. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.limits.per-org-per-day=6",
        "switchboard.limits.per-inviter-per-day=50",
        "switchboard.limits.per-recipient-per-day=3",
        "switchboard.limits.resend-interval=10m"})
@AutoConfigureWebTestClient(timeout = "30s")
abstract class IdentityIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "member-pass-2026";
    static final FakeOrgService ORG_SERVICE = FakeOrgService.start();
    static final Events EVENTS = Events.onSharedBroker();
    private static final Pattern INVITE_LINK = Pattern.compile("/invite/([A-Za-z0-9_-]{43})");
    private static final Pattern CONFIRM_LINK = Pattern.compile("/confirm-email#([A-Za-z0-9_-]{43})");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "identity_service_it");
        RealServers.registerKeycloak(registry);
        registry.add("switchboard.keycloak.server-url", () -> RealServers.keycloak().baseUrl());
        registry.add("switchboard.keycloak.client-secret", () -> "identity-service-dev-secret");
        registry.add("switchboard.services.org", ORG_SERVICE::url);
    }

    @Autowired WebTestClient web;
    @Autowired MembershipProjection memberships;

    record Org(UUID id, String name, SignedInUser owner) {
    }

    /** A verified person in the real Keycloak, signed in. */
    static SignedInUser person(String prefix) {
        String email = prefix + "-" + UUID.randomUUID() + "@acme.test";
        RealServers.keycloak().createUser(email, PASSWORD, "Test", prefix);
        return SignedInUser.signIn(email, PASSWORD);
    }

    static String address(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@victim.test";
    }

    /** A new org whose owner is a new person, as org-service would announce it. */
    Org org() {
        UUID id = UUID.randomUUID();
        SignedInUser owner = person("owner");
        String name = "Acme " + id.toString().substring(0, 8);
        EVENTS.publish(EventCatalog.ORGANIZATION_CREATED, id, new OrganizationCreated(id, name, "GROWTH", owner.id()));
        join(id, owner, "OWNER");
        return new Org(id, name, owner);
    }

    /** {@code person} joins {@code org} with {@code role}; waits until the projection knows it. */
    void join(UUID org, SignedInUser person, String role) {
        EVENTS.publish(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, person.id(), role));
        await().atMost(Duration.ofSeconds(20)).until(() -> memberships.find(org, person.id())
                .filter(m -> m.isActive() && role.equals(m.role())).isPresent());
    }

    WebTestClient.ResponseSpec post(String path, SignedInUser as, Object body) {
        var request = web.post().uri(path);
        if (as != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, as.bearer());
        }
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec invite(Org org, SignedInUser as, String email, String role) {
        return post("/api/orgs/" + org.id() + "/invitations", as, Map.of("email", email, "role", role));
    }

    JsonNode invited(Org org, SignedInUser as, String email, String role) {
        byte[] body = invite(org, as, email, role).expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    /** The mail requests to {@code email} on notification.email-requests.v1, oldest first. */
    static List<JsonNode> mailsTo(String email) {
        List<JsonNode> mails = new ArrayList<>();
        for (ConsumerRecord<String, String> record : EVENTS.records(Topics.NOTIFICATION_EMAIL_REQUESTS)) {
            JsonNode envelope = JSON.readTree(record.value());
            if (email.equalsIgnoreCase(envelope.path("data").path("to").asString(""))) {
                mails.add(envelope.path("data"));
            }
        }
        return mails;
    }

    /** The invitation token of the latest invitation mail to {@code email}. */
    static String invitationToken(String email, int mailCount) {
        return token(email, INVITE_LINK, mailCount);
    }

    /** The token of the latest confirmation link mailed to {@code email}. */
    static String confirmationToken(String email, int mailCount) {
        return token(email, CONFIRM_LINK, mailCount);
    }

    private static String token(String email, Pattern link, int mailCount) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() >= mailCount);
        String latest = null;
        for (JsonNode mail : mailsTo(email)) {
            Matcher matcher = link.matcher(mail.path("textBody").asString(""));
            if (matcher.find()) {
                latest = matcher.group(1);
            }
        }
        if (latest == null) {
            throw new AssertionError("no link in the mail to " + email);
        }
        return latest;
    }

    static JsonNode body(WebTestClient.ResponseSpec response) {
        return JSON.readTree(response.expectBody().returnResult().getResponseBody());
    }
}
