package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each shared server is the real thing: it answers its own protocol, not a stand-in. */
class RealServersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void postgres_runsRealServer_andCreatesDatabasesIdempotently() throws Exception {
        PostgresServer postgres = RealServers.postgres();
        postgres.createDatabase("self_test");
        postgres.createDatabase("self_test");
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl("self_test"), postgres.username(), postgres.password());
             var result = connection.createStatement().executeQuery("select version()")) {
            result.next();
            assertThat(result.getString(1)).startsWith("PostgreSQL");
        }
    }

    @Test
    void kafka_deliversWhatWasProduced() throws Exception {
        String topic = "self-test-" + UUID.randomUUID();
        String bootstrap = RealServers.kafka().bootstrapServers();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "org-1", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "self-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            String received = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received == null && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    received = record.key() + "=" + record.value();
                }
            }
            assertThat(received).isEqualTo("org-1=hello");
        }
    }

    @Test
    void keycloak_issuesSignedTokensForDemoUsers_withIssuerAndAudience() {
        KeycloakServer keycloak = RealServers.keycloak();
        String token = keycloak.accessToken("alice@acme.test", "alice-demo-pass");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.get("iss").asString()).isEqualTo(keycloak.issuer());
        assertThat(claims.get("email").asString()).isEqualTo("alice@acme.test");
        assertThat(claims.get("aud").toString()).contains(KeycloakServer.AUDIENCE);
        assertThat(claims.get("sid").asString()).isNotBlank();

        assertThatThrownBy(() -> keycloak.accessToken("alice@acme.test", "wrong-password"))
                .hasMessageContaining("401");
    }

    @Test
    void smtp_keepsMailReadableOverHttp() throws Exception {
        GreenMailSmtpServer smtp = RealServers.smtp();
        String to = "someone-" + UUID.randomUUID() + "@acme.test";
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", String.valueOf(smtp.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("noreply@switchboard.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("Self test");
        message.setText("It arrived.");
        Transport.send(message);

        var response = KeycloakServer.Http.send(HttpRequest.newBuilder(URI.create(smtp.webUrl() + "/api/messages?to=" + to)).build());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode messages = JSON.readTree(response.body().getBytes(StandardCharsets.UTF_8)).get("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("subject").asString()).isEqualTo("Self test");
        assertThat(messages.get(0).get("body").asString()).contains("It arrived.");
    }
}
