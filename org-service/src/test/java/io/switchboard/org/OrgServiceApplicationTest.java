package io.switchboard.org;

import io.switchboard.testing.RealServers;
import io.switchboard.testing.ServiceSmokeTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service starts against real PostgreSQL and Kafka, migrates its database and guards its API. */
class OrgServiceApplicationTest extends ServiceSmokeTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "org_service");
    }

    OrgServiceApplicationTest() {
        super("org_service", "outbox", "inbox");
    }
}
