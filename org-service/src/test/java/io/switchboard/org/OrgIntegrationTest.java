package io.switchboard.org;

import io.switchboard.testing.RealServers;
import io.switchboard.testing.SignedInUser;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * org-service on the shared real PostgreSQL, Kafka and Keycloak, with the realm's demo people signed in. The
 * classes extending it share one application context (one start); each test makes its own organizations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
abstract class OrgIntegrationTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "org_service_it");
        RealServers.registerKeycloak(registry);
    }

    static SignedInUser alice;
    static SignedInUser bob;
    static SignedInUser carol;

    @BeforeAll
    static void signIn() {
        alice = OrgApi.signIn("alice@acme.test", "alice-demo-pass");
        bob = OrgApi.signIn("bob@acme.test", "bob-demo-pass");
        carol = OrgApi.signIn("carol@globex.test", "carol-demo-pass");
    }

    @Autowired WebTestClient web;
    @Autowired DatabaseClient db;
}
