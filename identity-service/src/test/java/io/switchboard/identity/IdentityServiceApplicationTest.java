package io.switchboard.identity;

import io.switchboard.testing.RealServers;
import io.switchboard.testing.ServiceSmokeTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service starts against real PostgreSQL and Kafka, migrates its database and guards its API. */
class IdentityServiceApplicationTest extends ServiceSmokeTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "identity_service");
    }

    IdentityServiceApplicationTest() {
        super("identity_service", "outbox", "inbox");
    }
}
