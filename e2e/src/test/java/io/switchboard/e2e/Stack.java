package io.switchboard.e2e;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.identity.InvitationAccepted;
import io.switchboard.testing.KeycloakServer;
import io.switchboard.testing.RealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** org-service and the gateway on the shared real servers, plus plain HTTP through the gateway. */
final class Stack implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Person(String email, String token, UUID id) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ServiceProcess orgService;
    private ServiceProcess identityService;
    private ServiceProcess notificationService;
    private final int gatewayPort = ServiceProcess.freePort();
    private ServiceProcess gateway;
    private final KafkaProducer<String, String> producer;

    Stack() {
        this(false);
    }

    /** @param withInvitations also identity-service and notification-service (mail to the shared SMTP server) */
    Stack(boolean withInvitations) {
        var postgres = RealServers.postgres();
        postgres.createDatabase("org_service_e2e");
        KeycloakServer keycloak = RealServers.keycloak();
        Map<String, String> common = new HashMap<>(Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", RealServers.kafka().bootstrapServers(),
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", keycloak.issuer(),
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", keycloak.jwkSetUri()));
        Map<String, String> org = new HashMap<>(common);
        org.putAll(Map.of(
                "SPRING_R2DBC_URL", postgres.r2dbcUrl("org_service_e2e"),
                "SPRING_R2DBC_USERNAME", postgres.username(), "SPRING_R2DBC_PASSWORD", postgres.password(),
                "SPRING_FLYWAY_URL", postgres.jdbcUrl("org_service_e2e"),
                "SPRING_FLYWAY_USER", postgres.username(), "SPRING_FLYWAY_PASSWORD", postgres.password()));
        orgService = ServiceProcess.start("org-service", ServiceProcess.freePort(), org);
        if (withInvitations) {
            Map<String, String> identity = database(common, "identity_service_e2e");
            identity.put("SWITCHBOARD_KEYCLOAK_SERVER_URL", keycloak.baseUrl());
            identity.put("SWITCHBOARD_SERVICES_ORG", orgService.url());
            // every test call comes from one address; the limit itself is tested in identity-service
            identity.put("SWITCHBOARD_RATE_LIMIT_PUBLIC_PER_MINUTE", "100000");
            identity.put("SWITCHBOARD_INVITATIONS_PUBLIC_URL", "http://localhost:" + gatewayPort);
            identityService = ServiceProcess.start("identity-service", ServiceProcess.freePort(), identity);
            Map<String, String> notification = database(common, "notification_service_e2e");
            notification.put("SPRING_MAIL_HOST", RealServers.smtp().host());
            notification.put("SPRING_MAIL_PORT", Integer.toString(RealServers.smtp().smtpPort()));
            notificationService = ServiceProcess.start("notification-service", ServiceProcess.freePort(), notification);
        }
        startGateway();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static Map<String, String> database(Map<String, String> common, String name) {
        var postgres = RealServers.postgres();
        postgres.createDatabase(name);
        Map<String, String> env = new HashMap<>(common);
        env.putAll(Map.of(
                "SPRING_R2DBC_URL", postgres.r2dbcUrl(name),
                "SPRING_R2DBC_USERNAME", postgres.username(), "SPRING_R2DBC_PASSWORD", postgres.password(),
                "SPRING_FLYWAY_URL", postgres.jdbcUrl(name),
                "SPRING_FLYWAY_USER", postgres.username(), "SPRING_FLYWAY_PASSWORD", postgres.password()));
        return env;
    }

    void startGateway() {
        Map<String, String> env = new HashMap<>(Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", RealServers.kafka().bootstrapServers(),
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", RealServers.keycloak().issuer(),
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", RealServers.keycloak().jwkSetUri(),
                "SWITCHBOARD_SERVICES_ORG", orgService.url()));
        if (identityService != null) {
            env.put("SWITCHBOARD_SERVICES_IDENTITY", identityService.url());
            env.put("SWITCHBOARD_SERVICES_NOTIFICATION", notificationService.url());
        }
        gateway = ServiceProcess.start("gateway", gatewayPort, env);
    }

    void restartGateway() {
        gateway.close();
        startGateway();
    }

    static Person signIn(String email, String password) {
        String token = RealServers.keycloak().accessToken(email, password);
        UUID id = UUID.fromString(JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("sub").asString());
        return new Person(email, token, id);
    }

    HttpResponse<String> call(String method, String path, Person as, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (as != null && as.token() != null) {
            request.header("Authorization", "Bearer " + as.token());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    UUID createOrg(Person owner) {
        return createOrg(owner, Map.of("name", "E2E " + owner.email(), "plan", "SCALE"));
    }

    UUID createOrg(Person owner, Map<String, Object> request) {
        HttpResponse<String> created = call("POST", "/api/orgs", owner, request);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("create org answered " + created.statusCode() + ": " + created.body());
        }
        JsonNode org = JSON.readTree(created.body());
        return UUID.fromString(org.get("id").asString());
    }

    /** What identity-service publishes when someone accepts an invitation. */
    void invitationAccepted(UUID org, Person person, String role) {
        InvitationAccepted data = new InvitationAccepted(org, UUID.randomUUID(), person.id(), person.email(), person.email(), role, List.of());
        Map<String, Object> envelope = Map.of("id", UUID.randomUUID().toString(), "type", EventCatalog.INVITATION_ACCEPTED.name(),
                "source", "urn:switchboard:identity-service", "time", Instant.now().toString(), "subject", org.toString(),
                "actor", person.id().toString(), "dataschema", EventCatalog.INVITATION_ACCEPTED.dataSchema(), "data", data);
        try {
            producer.send(new ProducerRecord<>(EventCatalog.INVITATION_ACCEPTED.topic(), org.toString(), JSON.writeValueAsString(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        if (gateway != null) {
            gateway.close();
        }
        if (identityService != null) {
            identityService.close();
            notificationService.close();
        }
        orgService.close();
    }
}
