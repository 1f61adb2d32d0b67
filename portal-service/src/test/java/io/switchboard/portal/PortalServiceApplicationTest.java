package io.switchboard.portal;

import io.switchboard.testing.RealServers;
import io.switchboard.testing.ServiceSmokeTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service starts against real PostgreSQL and Kafka, migrates its database and guards its API. */
class PortalServiceApplicationTest extends ServiceSmokeTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "portal_service");
    }

    PortalServiceApplicationTest() {
        super("portal_service", "outbox", "inbox", "portals", "portal_members", "org_members", "availability_log");
    }
}
