package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.org.OrganizationDeleted;
import io.switchboard.testing.Events;
import io.switchboard.testing.Events.Envelope;
import io.switchboard.testing.KafkaAccessControl;
import io.switchboard.testing.KafkaBrokerProcess;
import io.switchboard.testing.RealServers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service (this module's test app, running as org-service) on the deployable broker of deploy/kafka: its
 * application.yml keys sign it in with SCRAM when KAFKA_SECURITY_PROTOCOL says so, its producer, consumer and
 * dead-letter publishing work within org-service's ACLs, and the provenance check still holds there.
 */
@SpringBootTest(classes = MessagingTestApplication.class)
class AuthenticatedBrokerTest {

    private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();
    private static final Map<String, String> PASSWORDS = new HashMap<>();
    private static KafkaBrokerProcess broker;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "messaging_test_sasl");
        registry.add("spring.kafka.bootstrap-servers", () -> broker().bootstrapServers());
        registry.add("KAFKA_SECURITY_PROTOCOL", () -> "SASL_PLAINTEXT");
        registry.add("KAFKA_PASSWORD", () -> PASSWORDS.get("org-service"));
        // org-service may use consumer groups named org-service*, and nothing else
        registry.add("spring.kafka.consumer.group-id", () -> "org-service-messaging-test");
    }

    private static synchronized KafkaBrokerProcess broker() {
        if (broker == null) {
            broker = KafkaBrokerProcess.startAuthenticated(ADMIN_PASSWORD);
            KafkaAccessControl.users().forEach(user -> PASSWORDS.put(user, UUID.randomUUID().toString()));
            KafkaAccessControl.apply(broker, PASSWORDS);
            createTestTopic();
            // the test app plays org-service but also consumes org.memberships.v1 (as the gateway and identity-service
            // do) and its own test topic: read rights beyond acls.txt, for this test only
            KafkaAccessControl.allow(broker, List.of(
                    new KafkaAccessControl.Acl("org-service", AclOperation.READ, ResourceType.TOPIC, PatternType.LITERAL, Topics.ORG_MEMBERSHIPS),
                    new KafkaAccessControl.Acl("org-service", AclOperation.READ, ResourceType.TOPIC, PatternType.LITERAL, MessagingTestApplication.TOPIC)));
        }
        return broker;
    }

    /** The deployable broker creates no topic on the fly: the test app's own topic and its DLT, made by the admin. */
    private static void createTestTopic() {
        Map<String, Object> config = new HashMap<>(broker.adminClientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(MessagingTestApplication.TOPIC, 3, (short) 1),
                    new NewTopic(Topics.deadLetter(MessagingTestApplication.TOPIC), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Autowired DatabaseClient db;

    @Test
    void forgedOrganizationDeleted_fromIdentityServicesOwnAccount_isRefusedByTheBroker() {
        UUID org = UUID.randomUUID();
        try (Events asIdentityService = new Events(broker.bootstrapServers(),
                KafkaBrokerProcess.clientProperties("identity-service", PASSWORDS.get("identity-service")))) {
            Envelope forged = Events.envelope(EventCatalog.ORGANIZATION_DELETED, org, new OrganizationDeleted(org)).withSource("org-service");
            try {
                asIdentityService.publish(forged);
                throw new AssertionError("identity-service could write org.memberships.v1");
            } catch (IllegalStateException refused) {
                assertThat(refused).hasRootCauseInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void serviceSignedInWithScram_appliesGenuineEvents_andDeadLettersForgedOnes() {
        UUID org = UUID.randomUUID();
        try (Events asOrgService = new Events(broker.bootstrapServers(),
                KafkaBrokerProcess.clientProperties("org-service", PASSWORDS.get("org-service")));
             Events asAdmin = new Events(broker.bootstrapServers(), broker.adminClientProperties())) {
            // written with a stolen admin account the broker allows, but the consumers still check the envelope
            Envelope forged = asAdmin.publish(Events.envelope(EventCatalog.ORGANIZATION_DELETED, org, new OrganizationDeleted(org))
                    .withSource("identity-service"));
            Envelope genuine = asOrgService.publish(EventCatalog.ORGANIZATION_DELETED, org, new OrganizationDeleted(org));

            await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from deleted_orgs where event_id = '" + genuine.id() + "'") == 1);
            ConsumerRecord<String, String> parked = asAdmin.await(Topics.deadLetter(Topics.ORG_MEMBERSHIPS), Events.withEventId(forged.id()), Duration.ofSeconds(30));
            assertThat(Events.header(parked, RejectedRecordException.HEADER)).contains("source identity-service may not publish on org.memberships.v1");
            assertThat(count("select count(*) from deleted_orgs where event_id = '" + forged.id() + "'")).isZero();
        }
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }
}
