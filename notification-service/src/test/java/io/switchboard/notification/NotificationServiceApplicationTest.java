package io.switchboard.notification;

import io.switchboard.testing.RealServers;
import io.switchboard.testing.ServiceSmokeTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service starts against real PostgreSQL and Kafka, migrates its database and guards its API. */
@DirtiesContext // its email listener would otherwise keep consuming the shared topic while other test classes run
class NotificationServiceApplicationTest extends ServiceSmokeTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "notification_service");
        // never the default 127.0.0.1:3025, where a developer's devstack may be listening
        registry.add("spring.mail.host", () -> RealServers.smtp().host());
        registry.add("spring.mail.port", () -> RealServers.smtp().smtpPort());
    }

    NotificationServiceApplicationTest() {
        super("notification_service", "outbox", "inbox", "email_deliveries", "notifications", "notification_preferences");
    }
}
