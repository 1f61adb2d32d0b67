package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployable broker configuration (deploy/kafka: server.properties, acls.txt, topics.txt) on a real
 * broker: SCRAM users per service, and each may write only the topics it owns.
 */
class KafkaAclTest {

    private static KafkaBrokerProcess broker;
    private static final Map<String, String> PASSWORDS = new HashMap<>();

    @BeforeAll
    static void startBroker() {
        broker = KafkaBrokerProcess.startAuthenticated(UUID.randomUUID().toString());
        KafkaAccessControl.users().forEach(user -> PASSWORDS.put(user, UUID.randomUUID().toString()));
        KafkaAccessControl.apply(broker, PASSWORDS);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void identityServiceUser_cannotWriteOrgTopics() {
        assertThatThrownBy(() -> send("identity-service", "org.memberships.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send("identity-service", "org.organizations.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void orgServiceUser_canWriteOrgTopics() throws Exception {
        send("org-service", "org.memberships.v1");
        send("org-service", "org.organizations.v1");
        send("org-service", "notification.email-requests.v1");
    }

    @Test
    void orgServiceUser_cannotForgeInvitationAcceptances() {
        assertThatThrownBy(() -> send("org-service", "identity.invitations.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void identityServiceUser_canWriteIdentityTopicsAndMailRequests() throws Exception {
        send("identity-service", "identity.invitations.v1");
        send("identity-service", "notification.email-requests.v1");
    }

    @Test
    void onlyBilling_writesBillingEvents() throws Exception {
        send("billing", "billing.subscriptions.v1");
        assertThatThrownBy(() -> send("org-service", "billing.subscriptions.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void notificationServiceUser_cannotRequestMail_andGatewayUser_cannotWriteMemberships() {
        // a user with no Write on any topic is already refused the idempotent producer's id (cluster authorization)
        assertThatThrownBy(() -> send("notification-service", "notification.email-requests.v1"))
                .rootCause().isInstanceOfAny(TopicAuthorizationException.class, ClusterAuthorizationException.class);
        assertThatThrownBy(() -> send("gateway", "org.memberships.v1"))
                .rootCause().isInstanceOfAny(TopicAuthorizationException.class, ClusterAuthorizationException.class);
    }

    @Test
    void consumers_readWhatTheyConsume_inTheirOwnGroupOnly() {
        assertThat(poll("org-service", "org-service", "identity.invitations.v1")).isNotNull();
        assertThatThrownBy(() -> poll("identity-service", "org-service", "org.organizations.v1"))
                .isInstanceOf(GroupAuthorizationException.class);
        assertThatThrownBy(() -> poll("notification-service", "notification-service", "identity.invitations.v1"))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void portalServiceUser_writesPortalTopicsOnly() throws Exception {
        send("portal-service", "portal.portals.v1");
        send("portal-service", "portal.audit.v1");
        assertThatThrownBy(() -> send("portal-service", "org.memberships.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send("portal-service", "org.organizations.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void orgServiceUser_cannotWritePortalTopics() {
        assertThatThrownBy(() -> send("org-service", "portal.portals.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send("org-service", "portal.audit.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send("org-service", "portal.availability.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void portalAndOrgService_readEachOthersTopics_inTheirOwnGroups() {
        assertThat(poll("portal-service", "portal-service", "org.organizations.v1")).isNotNull();
        assertThat(poll("portal-service", "portal-service", "org.memberships.v1")).isNotNull();
        assertThat(poll("org-service", "org-service", "portal.portals.v1")).isNotNull();
        assertThat(poll("org-service", "org-service", "portal.audit.v1")).isNotNull();
        assertThatThrownBy(() -> poll("portal-service", "portal-service", "identity.invitations.v1"))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void routingServiceUser_writesRoutingTopics_andReadsWhatItRoutes() throws Exception {
        send("routing-service", "routing.assignments.v1");
        send("routing-service", "routing.audit.v1");
        send("routing-service", "conversations.inbound.v1.DLT");
        assertThatThrownBy(() -> send("routing-service", "conversations.inbound.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send("routing-service", "org.memberships.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send("routing-service", "portal.audit.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThat(poll("routing-service", "routing-service", "conversations.inbound.v1")).isNotNull();
        assertThat(poll("routing-service", "routing-service", "portal.availability.v1")).isNotNull();
        assertThat(poll("routing-service", "routing-service", "org.memberships.v1")).isNotNull();
        assertThatThrownBy(() -> poll("routing-service", "routing-service", "identity.invitations.v1"))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void channelsUser_reportsConversationsAndLeads_only() throws Exception {
        send("channels", "conversations.inbound.v1");
        send("channels", "leads.inbound.v1");
        assertThatThrownBy(() -> send("channels", "routing.assignments.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send("channels", "routing.audit.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> poll("channels", "channels", "conversations.inbound.v1"))
                .isInstanceOfAny(GroupAuthorizationException.class, TopicAuthorizationException.class);
    }

    @Test
    void orgServiceUser_readsRoutingAudit_butCannotForgeIt() {
        assertThat(poll("org-service", "org-service", "routing.audit.v1")).isNotNull();
        assertThatThrownBy(() -> send("org-service", "routing.audit.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send("org-service", "conversations.inbound.v1"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void unauthenticatedClient_isRefused() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
        try (Admin plaintext = Admin.create(config)) {
            assertThatThrownBy(() -> plaintext.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("org.memberships.v1", "k", "forged")).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void wrongPassword_isRefused() {
        Map<String, Object> config = new HashMap<>(KafkaBrokerProcess.clientProperties("org-service", "not-the-password"));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static void send(String user, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(KafkaBrokerProcess.clientProperties(user, PASSWORDS.get(user)));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), "{}")).get(20, TimeUnit.SECONDS);
        }
    }

    private static Object poll(String user, String group, String topic) {
        Map<String, Object> config = new HashMap<>(KafkaBrokerProcess.clientProperties(user, PASSWORDS.get(user)));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            return consumer.poll(Duration.ofSeconds(5));
        }
    }
}
