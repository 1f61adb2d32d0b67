package io.switchboard.org;

import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.identity.InvitationAccepted;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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

/** Drives org-service over HTTP with real Keycloak tokens, and adds members the way identity-service does: by event. */
final class OrgApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Person(String email, String token, UUID id) {
    }

    private final WebTestClient web;

    OrgApi(WebTestClient web) {
        this.web = web;
    }

    static Person signIn(String email, String password) {
        String token = RealServers.keycloak().accessToken(email, password);
        UUID id = UUID.fromString(JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("sub").asString());
        return new Person(email, token, id);
    }

    UUID createOrg(Person owner, String plan) {
        JsonNode org = JSON.readTree(web.post().uri("/api/orgs").header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .bodyValue(Map.of("name", "Org of " + owner.email(), "plan", plan)).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        return UUID.fromString(org.get("id").asString());
    }

    /** Publishes identity.invitation.accepted and waits until org-service made the person a member. */
    void join(UUID org, Person person, String role, Person viewer) {
        Map<String, Object> data = Map.of("orgId", org.toString(), "invitationId", UUID.randomUUID().toString(), "userId", person.id().toString(),
                "email", person.email(), "displayName", person.email(), "role", role, "portalIds", List.of());
        Map<String, Object> envelope = Map.of("id", UUID.randomUUID().toString(), "type", EventCatalog.INVITATION_ACCEPTED.name(),
                "source", "urn:switchboard:identity-service", "time", Instant.now().toString(), "subject", org.toString(),
                "actor", person.id().toString(), "dataschema", EventCatalog.INVITATION_ACCEPTED.dataSchema(), "data", data);
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(EventCatalog.INVITATION_ACCEPTED.topic(), org.toString(), JSON.writeValueAsString(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> role(org, person.id(), viewer) != null);
    }

    /** The member's role as {@code viewer} sees it, or null if not an active member. */
    String role(UUID org, UUID userId, Person viewer) {
        byte[] body = web.get().uri("/api/orgs/{org}/members/{user}", org, userId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + viewer.token()).exchange()
                .returnResult(byte[].class).getResponseBodyContent();
        JsonNode member = body == null || body.length == 0 ? null : JSON.readTree(body);
        return member != null && "ACTIVE".equals(member.path("status").asString()) ? member.get("role").asString() : null;
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
