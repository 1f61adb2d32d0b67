package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The smoke test every service shares: the application starts on the real servers, is ready, has the tables
 * its migrations promise, and answers a request without a token with 401 and a problem+json body.
 *
 * <pre>{@code
 * class OrgServiceApplicationTest extends ServiceSmokeTest {
 *     @DynamicPropertySource
 *     static void servers(DynamicPropertyRegistry registry) {
 *         RealServers.registerDatabaseAndKafka(registry, "org_service");
 *     }
 *     OrgServiceApplicationTest() {
 *         super("org_service", "outbox", "inbox");
 *     }
 * }
 * }</pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a harness limit, not a speed goal: a loaded 2-core CI box can stall one exchange past the 5 s default
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class ServiceSmokeTest {

    /** An org id no test creates: the request must be refused before anything looks it up. */
    private static final UUID SOME_ORG = UUID.fromString("6f1c2b1e-8d4a-4c1e-9b7a-2f3d4e5a6b7c");

    private final String database;
    private final List<String> tables;

    @Autowired
    protected WebTestClient web;

    /**
     * @param database the service's database on the shared PostgreSQL, or null for a service without one
     * @param tables   tables its Flyway migrations must have created
     */
    protected ServiceSmokeTest(String database, String... tables) {
        this.database = database;
        this.tables = List.of(tables);
    }

    /**
     * Ready soon after start: a service with a membership projection turns ready once it has read the state topic,
     * which its consumer thread does beside the context's start, so the probe may answer OUT_OF_SERVICE at first.
     */
    @Test
    void readinessProbe_turnsUp() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                web.get().uri("/actuator/health/readiness").exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$.status").isEqualTo("UP"));
    }

    @Test
    void flyway_createsTheServicesTables() throws SQLException {
        if (database == null) {
            return;
        }
        PostgresServer postgres = RealServers.postgres();
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
             ResultSet rows = connection.createStatement().executeQuery(
                     "select table_name from information_schema.tables where table_schema = 'public'")) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        assertThat(found).containsAll(tables);
    }

    @Test
    void requestWithoutToken_isRefusedWithProblemJson() {
        web.get().uri("/api/orgs/{org}/anything", SOME_ORG).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
