package io.switchboard.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.RealServers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service starts against real PostgreSQL and Kafka, migrates its database and guards its API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext // its email listener would otherwise keep consuming the shared topic while other test classes run
class NotificationServiceApplicationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "notification_service");
        // never the default 127.0.0.1:3025, where a developer's devstack may be listening
        registry.add("spring.mail.host", () -> RealServers.smtp().host());
        registry.add("spring.mail.port", () -> RealServers.smtp().smtpPort());
    }

    @Autowired WebTestClient web;
    @Autowired DatabaseClient db;

    @Test
    void readinessProbe_isUp() {
        web.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void flyway_createsTheOutboxInboxAndEmailDeliveryLog() {
        List<String> tables = db.sql("select table_name from information_schema.tables where table_schema = 'public'")
                .map(row -> row.get(0, String.class)).all().collectList().block();
        assertThat(tables).contains("outbox", "inbox", "email_deliveries");
    }

    @Test
    void requestWithoutToken_isRefusedWithProblemJson() {
        web.get().uri("/api/orgs/6f1c2b1e-8d4a-4c1e-9b7a-2f3d4e5a6b7c/anything").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
