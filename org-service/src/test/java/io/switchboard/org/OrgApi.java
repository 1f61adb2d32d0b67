package io.switchboard.org;

import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives org-service over HTTP with real Keycloak tokens, and adds members the way identity-service does:
 * a seat reservation with its service token, then {@code identity.invitation.accepted} on the real broker.
 */
final class OrgApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** identity-service's confidential client in the realm (dev secret); its service account holds seat-reserver. */
    static final String RESERVER_CLIENT = "identity-service";
    static final String RESERVER_SECRET = "identity-service-dev-secret";

    record Person(String email, String token, UUID id) {
    }

    private final WebTestClient web;

    OrgApi(WebTestClient web) {
        this.web = web;
    }

    static Person signIn(String email, String password) {
        String token = RealServers.keycloak().accessToken(email, password);
        return new Person(email, token, UUID.fromString(claims(token).get("sub").asString()));
    }

    private static final Duration TOKEN_REUSE = Duration.ofMinutes(3);
    private static Person operator;
    private static Instant operatorSignedIn = Instant.EPOCH;
    private static String reserverToken;
    private static Instant reserverSignedIn = Instant.EPOCH;

    /** Signed in through Keycloak's login page just now: the token carries a fresh {@code auth_time}. */
    static Person freshSignIn(String email, String password) {
        String token = RealServers.keycloak().signInThroughLoginPage(email, password).get("access_token").asString();
        return new Person(email, token, UUID.fromString(claims(token).get("sub").asString()));
    }

    /** Switchboard support staff (realm role operator), signed in again every few minutes (tokens live 5). */
    static synchronized Person operator() {
        if (operatorSignedIn.isBefore(Instant.now().minus(TOKEN_REUSE))) {
            operator = signIn("ops@switchboard.test", "ops-demo-pass");
            operatorSignedIn = Instant.now();
        }
        return operator;
    }

    static JsonNode claims(String token) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    /** identity-service's own token (client credentials), as it calls the internal endpoints. */
    static synchronized String reserverToken() {
        if (reserverSignedIn.isBefore(Instant.now().minus(TOKEN_REUSE))) {
            reserverToken = RealServers.keycloak().clientCredentialsToken(RESERVER_CLIENT, RESERVER_SECRET);
            reserverSignedIn = Instant.now();
        }
        return reserverToken;
    }

    /** A new organization of {@code owner}; on FREE_TRIAL, or moved to {@code plan} by an operator. */
    UUID createOrg(Person owner, String plan) {
        JsonNode org = JSON.readTree(web.post().uri("/api/orgs").header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .bodyValue(Map.of("name", "Org of " + owner.email())).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        UUID id = UUID.fromString(org.get("id").asString());
        if (!"FREE_TRIAL".equals(plan)) {
            setPlan(id, plan, null, operator()).expectStatus().isOk();
        }
        return id;
    }

    WebTestClient.ResponseSpec setPlan(UUID org, String plan, Integer seats, Person as) {
        Map<String, Object> body = new HashMap<>();
        body.put("plan", plan);
        if (seats != null) {
            body.put("seats", seats);
        }
        return web.put().uri("/api/operator/orgs/{org}/plan", org).header(HttpHeaders.AUTHORIZATION, "Bearer " + as.token())
                .bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec reserve(UUID org, UUID invitationId, String role, Instant expiresAt, UUID invitedBy, String token) {
        return web.put().uri("/internal/orgs/{org}/seat-reservations/{id}", org, invitationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .bodyValue(Map.of("role", role, "expiresAt", expiresAt.toString(), "invitedBy", invitedBy.toString())).exchange();
    }

    WebTestClient.ResponseSpec release(UUID org, UUID invitationId, String token) {
        return web.delete().uri("/internal/orgs/{org}/seat-reservations/{id}", org, invitationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    /** An invitation as identity-service sends it: its seat reserved by {@code inviter}'s invitation. */
    UUID invite(UUID org, String role, Person inviter) {
        UUID invitationId = UUID.randomUUID();
        reserve(org, invitationId, role, Instant.now().plus(Duration.ofDays(7)), inviter.id(), reserverToken()).expectStatus().isNoContent();
        return invitationId;
    }

    /** Invites, accepts (by event) and waits until org-service made the person a member. */
    void join(UUID org, Person person, String role, Person inviter) {
        UUID invitationId = invite(org, role, inviter);
        publish(EventCatalog.INVITATION_ACCEPTED.topic(), org.toString(), accepted(org, invitationId, person, role, Map.of()));
        await().atMost(Duration.ofSeconds(20)).until(() -> role(org, person.id(), inviter) != null);
    }

    /** The envelope identity-service would publish for an accepted invitation. */
    static Map<String, Object> accepted(UUID org, UUID invitationId, Person person, String role, Map<String, Object> extra) {
        Map<String, Object> data = new HashMap<>(Map.of("orgId", org.toString(), "invitationId", invitationId.toString(),
                "userId", person.id().toString(), "email", person.email(), "displayName", person.email(), "role", role, "portalIds", List.of()));
        data.putAll(extra);
        return envelope(EventCatalog.INVITATION_ACCEPTED.name(), EventCatalog.INVITATION_ACCEPTED.dataSchema(), "identity-service", org,
                person.id().toString(), data);
    }

    static Map<String, Object> envelope(String type, String dataschema, String source, UUID org, String actor, Map<String, Object> data) {
        return Map.of("id", UUID.randomUUID().toString(), "type", type, "source", source, "time", Instant.now().toString(),
                "subject", org.toString(), "actor", actor, "dataschema", dataschema, "data", data);
    }

    /** A raw record on the real broker, as anything with write access to the topic could send. */
    static void publish(String topic, String key, Map<String, Object> envelope) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsString(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The member's role as {@code viewer} sees it, or null if not an active member. */
    String role(UUID org, UUID userId, Person viewer) {
        JsonNode member = member(org, userId, viewer);
        return member != null && "ACTIVE".equals(member.path("status").asString()) ? member.get("role").asString() : null;
    }

    /** Member details as {@code viewer} sees them; null when not found. */
    JsonNode member(UUID org, UUID userId, Person viewer) {
        var result = web.get().uri("/api/orgs/{org}/members/{user}", org, userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + viewer.token()).exchange()
                .returnResult(byte[].class);
        byte[] body = result.getResponseBodyContent();
        return result.getStatus().value() != 200 || body == null || body.length == 0 ? null : JSON.readTree(body);
    }

    JsonNode org(UUID org, Person viewer) {
        return JSON.readTree(get("/api/orgs/" + org, viewer).expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    WebTestClient.ResponseSpec changeRole(UUID org, UUID userId, String role, Person actor) {
        return web.patch().uri("/api/orgs/{org}/members/{user}", org, userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token()).bodyValue(Map.of("role", role)).exchange();
    }

    WebTestClient.ResponseSpec remove(UUID org, UUID userId, Person actor) {
        return web.delete().uri("/api/orgs/{org}/members/{user}", org, userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token()).exchange();
    }

    WebTestClient.ResponseSpec get(String path, Person actor) {
        return web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token()).exchange();
    }
}
