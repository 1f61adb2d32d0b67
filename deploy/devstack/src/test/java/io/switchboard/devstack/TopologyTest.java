package io.switchboard.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.PostgresServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private final Topology topology = Topology.load();
    private final Topology.Servers servers = new Topology.Servers(new FakePostgres(), "127.0.0.1:9092", "http://127.0.0.1:8180",
            "http://localhost:8180/realms/switchboard", "http://127.0.0.1:8180/realms/switchboard/protocol/openid-connect/certs",
            "127.0.0.1", 3025, "generated-secret", "http://localhost:8080");

    @Test
    void sixServices_eachOnItsOwnPort_andAllButTheGatewayWithTheirOwnDatabase() {
        assertThat(topology.services()).extracting(Topology.Service::module).containsExactly(
                "gateway", "identity-service", "org-service", "portal-service", "routing-service", "notification-service");
        assertThat(topology.services()).extracting(Topology.Service::port).doesNotHaveDuplicates();
        assertThat(topology.service("gateway").hasDatabase()).isFalse();
        assertThat(topology.databases()).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void everyService_listensWhereItIsTold_andTheGatewayReachesEveryOtherService() {
        for (Topology.Service s : topology.services()) {
            assertThat(env(s, "127.0.0.1")).containsEntry("SERVER_ADDRESS", "127.0.0.1").containsEntry("SERVER_PORT", Integer.toString(s.port()));
        }
        Map<String, String> gateway = env(topology.service("gateway"), "0.0.0.0");
        assertThat(gateway).containsEntry("SERVER_ADDRESS", "0.0.0.0")
                .containsEntry("SWITCHBOARD_SERVICES_IDENTITY", "http://127.0.0.1:8081")
                .containsEntry("SWITCHBOARD_SERVICES_NOTIFICATION", "http://127.0.0.1:8085")
                .doesNotContainKey("SPRING_R2DBC_URL");
    }

    @Test
    void withTwoInstances_theGatewaysBalanceBetweenBoth_andTheSecondInstancesListenAThousandPortsUp() {
        Topology.Service gateway = topology.service("gateway");
        Topology.Service identity = topology.service("identity-service");
        assertThat(Topology.port(gateway, 0)).isEqualTo(8080);
        assertThat(Topology.port(gateway, 1)).isEqualTo(9080).isNotIn(topology.keycloakPort(), topology.kafkaPort(), topology.postgresPort());
        for (int k = 0; k < 2; k++) {
            assertThat(topology.environment(gateway, "127.0.0.1", Topology.port(gateway, k), null, servers, topology.localUrls(gateway, k, 2)))
                    .containsEntry("SWITCHBOARD_SERVICES_ROUTING", "http://127.0.0.1:8084,http://127.0.0.1:9084")
                    .containsEntry("SWITCHBOARD_SERVICES_ORG", "http://127.0.0.1:8082,http://127.0.0.1:9082");
        }
        assertThat(topology.environment(identity, "127.0.0.1", Topology.port(identity, 1), identity.database(), servers, topology.localUrls(identity, 1, 2)))
                .as("identity-service's second instance calls org-service's second").containsEntry("SWITCHBOARD_SERVICES_ORG", "http://127.0.0.1:9082")
                .containsEntry("SERVER_PORT", "9081");
        assertThat(topology.localUrls(gateway, 0, 1).apply("org-service")).as("one instance: as before").isEqualTo("http://127.0.0.1:8082");
    }

    @Test
    void onlyIdentityService_getsTheKeycloakClientSecret_fromTheStackNotFromItsConfig() {
        assertThat(env(topology.service("identity-service"), "127.0.0.1"))
                .containsEntry("SWITCHBOARD_KEYCLOAK_CLIENT_SECRET", "generated-secret")
                .containsEntry("SWITCHBOARD_SERVICES_ORG", "http://127.0.0.1:8082")
                .containsEntry("SPRING_R2DBC_URL", "r2dbc:postgresql://127.0.0.1:5433/identity_service");
        topology.services().stream().filter(s -> !s.module().equals("identity-service"))
                .forEach(s -> assertThat(env(s, "127.0.0.1")).doesNotContainKey("SWITCHBOARD_KEYCLOAK_CLIENT_SECRET"));
        assertThat(env(topology.service("notification-service"), "127.0.0.1")).containsEntry("SPRING_MAIL_PORT", "3025");
    }

    @Test
    void onlyNotificationService_getsThePushKey_andWithoutOneNothingIsSet() {
        Topology.Servers withPush = new Topology.Servers(servers.postgres(), servers.kafkaBootstrap(), servers.keycloakUrl(), servers.issuer(),
                servers.jwkSetUri(), servers.smtpHost(), servers.smtpPort(), servers.identityClientSecret(), servers.publicUrl(), "cHVzaC1rZXk=");
        for (Topology.Service s : topology.services()) {
            Map<String, String> env = topology.environment(s, "127.0.0.1", s.port(), s.database(), withPush,
                    target -> "http://127.0.0.1:" + topology.service(target).port());
            if (s.module().equals("notification-service")) {
                assertThat(env).containsEntry("SWITCHBOARD_PUSH_KEY_ENCRYPTION_KEY", "cHVzaC1rZXk=");
            } else {
                assertThat(env).doesNotContainKey("SWITCHBOARD_PUSH_KEY_ENCRYPTION_KEY");
            }
        }
        assertThat(env(topology.service("notification-service"), "127.0.0.1"))
                .as("the nine-argument Servers (as the e2e Stack builds it) leaves push off").doesNotContainKey("SWITCHBOARD_PUSH_KEY_ENCRYPTION_KEY");
        assertThat(withPush.toString()).doesNotContain("cHVzaC1rZXk=").doesNotContain("generated-secret");
    }

    private Map<String, String> env(Topology.Service s, String address) {
        return topology.environment(s, address, s.port(), s.database(), servers, target -> "http://127.0.0.1:" + topology.service(target).port());
    }

    private record FakePostgres() implements PostgresServer {
        public String host() {
            return "127.0.0.1";
        }

        public int port() {
            return 5433;
        }

        public String username() {
            return "postgres";
        }

        public String password() {
            return "postgres";
        }

        public void close() {
        }
    }
}
