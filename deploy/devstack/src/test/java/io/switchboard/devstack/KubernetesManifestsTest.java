package io.switchboard.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.switchboard.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/k8s as {@code kubectl kustomize} renders its overlays (kubectl from deploy/scripts/find-kubectl.sh; no
 * cluster needed), checked against the local stack's topology, deploy/kafka's tables, docs/events.md and the realm
 * file. What a real cluster would add (the operators accepting the resources) is not checked here.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Objects.requireNonNull(Devstack.findRoot(Path.of("").toAbsolutePath()), "no repository root");
    private static final Topology TOPOLOGY = Topology.load();
    private static final Map<String, List<Map<String, Object>>> RENDERED = new HashMap<>();
    private static final long SEVEN_DAYS_MS = 7L * 86_400_000L;

    // --- every service: probes, resources, security, image, Service, PDB, NetworkPolicy ---

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceOfTheTopology_isADeployment_withActuatorProbes_requestsAndLimits_andNoRoot(String overlay) {
        Map<String, Map<String, Object>> deployments = byName(overlay, "Deployment");
        assertThat(deployments.keySet()).as("Deployments of " + overlay).containsExactlyInAnyOrderElementsOf(modules());
        for (Topology.Service service : TOPOLOGY.services()) {
            String where = overlay + " " + service.module();
            Map<String, Object> pod = map(deployments.get(service.module()), "spec", "template", "spec");
            Map<String, Object> container = onlyContainer(deployments.get(service.module()));

            assertThat(str(map(container, "readinessProbe", "httpGet"), "path")).as(where + " readiness").isEqualTo("/actuator/health/readiness");
            assertThat(str(map(container, "livenessProbe", "httpGet"), "path")).as(where + " liveness").isEqualTo("/actuator/health/liveness");
            assertThat(containerPort(container, map(container, "readinessProbe", "httpGet").get("port"))).as(where + " probe port").isEqualTo(service.port());
            assertThat(containerPort(container, map(container, "livenessProbe", "httpGet").get("port"))).as(where + " probe port").isEqualTo(service.port());

            assertThat(map(container, "resources", "requests")).as(where + " requests").containsKeys("cpu", "memory");
            assertThat(map(container, "resources", "limits")).as(where + " limits").containsKey("memory");
            long limit = bytes(str(map(container, "resources", "limits"), "memory"));
            assertThat(bytes(str(map(container, "resources", "requests"), "memory"))).as(where + " memory request").isLessThanOrEqualTo(limit);
            Matcher heap = Pattern.compile("-Xmx(\\d+[kmgKMG])").matcher(javaToolOptions(overlay, container));
            assertThat(heap.find()).as(where + ": the heap is set (JAVA_TOOL_OPTIONS), not left to a share of the limit").isTrue();
            assertThat(bytes(heap.group(1))).as(where + ": the heap leaves room in the memory limit for the rest of the JVM")
                    .isLessThanOrEqualTo(limit - 256L * 1024 * 1024);

            assertThat(map(pod, "securityContext").get("runAsNonRoot")).as(where + " runAsNonRoot").isEqualTo(true);
            assertThat(map(container, "securityContext"))
                    .as(where + " container securityContext").containsEntry("readOnlyRootFilesystem", true).containsEntry("allowPrivilegeEscalation", false);
            assertThat(str(container, "image")).as(where + " image").matches(Pattern.quote("switchboard/" + service.module()) + ":[\\w][\\w.-]*");
        }
    }

    /** The probes' paths exist only with the probe groups on; Boot turns them on by itself only where it detects Kubernetes. */
    @Test
    void everyService_turnsOnActuatorsProbeGroups_inItsApplicationYml() throws IOException {
        for (Topology.Service service : TOPOLOGY.services()) {
            // the first document: the defaults (later ones are profiles, such as deploy's)
            Map<String, Object> yml = asMap(new Yaml().loadAll(Files.readString(ROOT.resolve(service.module()).resolve("src/main/resources/application.yml"))).iterator().next());
            Map<String, Object> flat = new TreeMap<>();
            flatten("", yml, flat);
            assertThat(flat).as(service.module() + "/src/main/resources/application.yml").containsEntry("management.endpoint.health.probes.enabled", true);
            assertThat(String.valueOf(flat.get("management.endpoints.web.exposure.include"))).as(service.module() + " exposes health").contains("health");
        }
    }

    private static void flatten(String prefix, Map<String, Object> from, Map<String, Object> into) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?>) {
                flatten(key, asMap(e.getValue()), into);
            } else {
                into.put(key, e.getValue());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeployment_hasAService_aPodDisruptionBudget_andANetworkPolicy_thatSelectItsPodsOnly(String overlay) {
        Map<String, Map<String, Object>> deployments = byName(overlay, "Deployment");
        for (Map.Entry<String, Map<String, Object>> entry : deployments.entrySet()) {
            String module = entry.getKey();
            Map<String, Object> podLabels = map(entry.getValue(), "spec", "template", "metadata", "labels");
            Map<String, Object> container = onlyContainer(entry.getValue());

            List<Map<String, Object>> services = kind(overlay, "Service").stream().filter(s -> selects(map(s, "spec", "selector"), podLabels)).toList();
            assertThat(services).as(overlay + ": a Service selects " + module).hasSize(1);
            Map<String, Object> servicePort = list(map(services.getFirst(), "spec"), "ports").getFirst();
            assertThat(containerPort(container, servicePort.get("targetPort"))).as(overlay + " " + module + " Service targetPort")
                    .isEqualTo(TOPOLOGY.service(module).port());
            assertThat(servicePort.get("port")).isEqualTo(TOPOLOGY.service(module).port());

            List<Map<String, Object>> budgets = kind(overlay, "PodDisruptionBudget").stream()
                    .filter(p -> selects(map(p, "spec", "selector", "matchLabels"), podLabels)).toList();
            assertThat(budgets).as(overlay + ": a PodDisruptionBudget selects " + module).hasSize(1);

            List<Map<String, Object>> policies = kind(overlay, "NetworkPolicy").stream()
                    .filter(p -> selects(map(p, "spec", "podSelector", "matchLabels"), podLabels)).toList();
            assertThat(policies).as(overlay + ": a NetworkPolicy selects " + module).hasSize(1);

            for (Map.Entry<String, Map<String, Object>> other : deployments.entrySet()) {
                if (!other.getKey().equals(module)) {
                    Map<String, Object> otherLabels = map(other.getValue(), "spec", "template", "metadata", "labels");
                    assertThat(selects(map(budgets.getFirst(), "spec", "selector", "matchLabels"), otherLabels))
                            .as(overlay + ": " + module + "'s PodDisruptionBudget also selects " + other.getKey()).isFalse();
                    assertThat(selects(map(policies.getFirst(), "spec", "podSelector", "matchLabels"), otherLabels))
                            .as(overlay + ": " + module + "'s NetworkPolicy also selects " + other.getKey()).isFalse();
                }
            }
        }
    }

    /** topology.properties' calls, and nothing else: the gateway calls every service, identity-service calls org-service. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aService_isReachableOnlyFromWhatCallsIt_andTheGatewayOnlyFromTheIngressController(String overlay) {
        for (Topology.Service service : TOPOLOGY.services()) {
            Map<String, Object> podLabels = map(byName(overlay, "Deployment").get(service.module()), "spec", "template", "metadata", "labels");
            Map<String, Object> policy = kind(overlay, "NetworkPolicy").stream()
                    .filter(p -> selects(map(p, "spec", "podSelector", "matchLabels"), podLabels)).findFirst().orElseThrow();
            assertThat(strings(map(policy, "spec"), "policyTypes")).as(service.module()).contains("Ingress");

            Set<String> callers = new TreeSet<>();
            Set<String> namespaces = new TreeSet<>();
            int scrapers = 0;
            for (Map<String, Object> rule : list(map(policy, "spec"), "ingress")) {
                assertThat(list(rule, "from")).as(service.module() + ": an ingress rule without 'from' lets everyone in").isNotEmpty();
                assertThat(list(rule, "ports")).as(service.module() + ": ports of an ingress rule")
                        .isNotEmpty().allSatisfy(port -> assertThat(port.get("port")).isEqualTo(service.port()));
                for (Map<String, Object> peer : list(rule, "from")) {
                    assertThat(peer).as(service.module() + ": no ipBlock peers").doesNotContainKey("ipBlock");
                    if (peer.containsKey("namespaceSelector") && peer.containsKey("podSelector")) {
                        // the one namespace peer narrowed to pods: the metrics scraper
                        assertThat(map(peer, "namespaceSelector", "matchLabels")).containsEntry("kubernetes.io/metadata.name", "monitoring");
                        assertThat(map(peer, "podSelector", "matchLabels")).as(service.module() + ": the scraper's pods only")
                                .containsEntry("app.kubernetes.io/name", "prometheus");
                        scrapers++;
                    } else if (peer.containsKey("namespaceSelector")) {
                        namespaces.add(str(map(peer, "namespaceSelector", "matchLabels"), "kubernetes.io/metadata.name"));
                    } else {
                        callers.add(str(map(peer, "podSelector", "matchLabels"), "app.kubernetes.io/name"));
                    }
                }
            }
            Set<String> expectedCallers = TOPOLOGY.services().stream().filter(s -> s.calls().contains(service.module()))
                    .map(Topology.Service::module).collect(Collectors.toCollection(TreeSet::new));
            assertThat(callers).as(overlay + ": who may call " + service.module()).isEqualTo(expectedCallers);
            assertThat(scrapers).as(overlay + ": the metrics scraper reaches " + service.module()).isEqualTo(1);
            Map<String, Object> annotations = map(byName(overlay, "Deployment").get(service.module()), "spec", "template", "metadata", "annotations");
            assertThat(annotations).as(overlay + " " + service.module() + " scrape annotations")
                    .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/actuator/prometheus")
                    .containsEntry("prometheus.io/port", Integer.toString(service.port()));
            if (service.module().equals("gateway")) {
                assertThat(namespaces).as(overlay + ": the gateway, from the ingress controller's namespace").hasSize(1);
            } else {
                assertThat(namespaces).as(overlay + ": " + service.module() + " from other namespaces").isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theIngress_routesToTheGatewayAndKeycloaksRealmPages_butNotKeycloaksAdmin(String overlay) {
        Map<String, Object> keycloak = byName(overlay, "Keycloak").get("switchboard-keycloak");
        assertThat(map(keycloak, "spec", "ingress").get("enabled")).as("the operator's own Ingress (all paths) is off").isEqualTo(false);
        Set<String> backends = new TreeSet<>();
        for (Map<String, Object> ingress : kind(overlay, "Ingress")) {
            for (Map<String, Object> rule : list(map(ingress, "spec"), "rules")) {
                for (Map<String, Object> path : list(map(rule, "http"), "paths")) {
                    String backend = str(map(path, "backend", "service"), "name");
                    backends.add(backend);
                    if (backend.startsWith("switchboard-keycloak")) {
                        assertThat(str(path, "path")).as("a Keycloak path on the Ingress").isIn("/realms/", "/resources/");
                    }
                }
            }
        }
        assertThat(backends).containsExactlyInAnyOrder("gateway", "switchboard-keycloak-service");
    }

    // --- configuration and secrets ---

    /** The names of io.switchboard.devstack.Topology.environment, so a variable added there is not forgotten here. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyService_getsTheEnvironmentVariablesOfTheLocalStack(String overlay) {
        Topology.Servers servers = new Topology.Servers(new NamesOnlyPostgres(), "kafka:9092", "http://keycloak:8080", "https://auth/realms/switchboard",
                "http://keycloak:8080/certs", "smtp", 587, "secret", "https://switchboard", "cHVzaC1rZXk=");
        for (Topology.Service service : TOPOLOGY.services()) {
            Map<String, Object> container = onlyContainer(byName(overlay, "Deployment").get(service.module()));
            Set<String> names = list(container, "env").stream().map(e -> str(e, "name")).collect(Collectors.toSet());
            Map<String, String> local = TOPOLOGY.environment(service, "0.0.0.0", service.port(), service.database(), servers, target -> "x");
            assertThat(names).as(overlay + " " + service.module() + " environment").containsAll(local.keySet());
            assertThat(value(container, "SERVER_PORT")).isEqualTo(Integer.toString(service.port()));
            assertThat(value(container, "SPRING_PROFILES_ACTIVE")).as(service.module() + " logs JSON (the deploy profile)").isEqualTo("deploy");
            if (service.module().equals("gateway")) {
                // the gateway's metrics: for the scraper its NetworkPolicy admits, not for what the ingress controller forwards
                assertThat(value(container, "SWITCHBOARD_SECURITY_METRICS_SCRAPERS")).isEqualTo("unforwarded");
            }
            for (String target : service.calls()) {
                String variable = "SWITCHBOARD_SERVICES_" + target.replace("-service", "").toUpperCase(Locale.ROOT);
                assertThat(value(container, variable)).isEqualTo("http://" + target + ":" + TOPOLOGY.service(target).port());
            }
            if (service.hasDatabase()) {
                assertThat(value(container, "SPRING_R2DBC_URL")).as(service.module()).contains("/" + service.database() + "?");
                assertThat(value(container, "SPRING_FLYWAY_URL")).as(service.module()).contains("/" + service.database() + "?");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void secrets_areOnlyReferenced_neverWrittenIntoTheManifests(String overlay) {
        assertThat(kind(overlay, "Secret")).as(overlay + " defines no Secret").isEmpty();
        for (Map<String, Object> deployment : kind(overlay, "Deployment")) {
            for (Map<String, Object> env : list(onlyContainer(deployment), "env")) {
                String name = str(env, "name");
                if (name.matches(".*(PASSWORD|SECRET|_KEY|USERNAME|_USER)$") && !name.equals("KAFKA_USERNAME")) {
                    assertThat(env).as(overlay + " " + str(map(deployment, "metadata"), "name") + " " + name + " comes from a Secret")
                            .doesNotContainKey("value");
                    assertThat(map(env, "valueFrom")).containsKey("secretKeyRef");
                }
            }
        }
    }

    // --- Kafka: topics and users ---

    @Test
    void docsEventsMd_andTopicsTxt_stateTheSameTopicsPartitionsAndRetention_andEveryCatalogueTopicHasADeadLetterTopic() {
        Map<String, TopicSettings> documented = documentedTopicSettings();
        Map<String, TopicSettings> script = new TreeMap<>();
        for (String[] row : rows("deploy/kafka/topics.txt", 3, 4)) {
            script.put(row[0], new TopicSettings(Integer.parseInt(row[1]), row[2].equals("default") ? SEVEN_DAYS_MS : Long.parseLong(row[2]),
                    row.length == 4 ? configs(row[3]) : Map.of()));
        }
        assertThat(script).as("deploy/kafka/topics.txt against docs/events.md").isEqualTo(documented);
        for (Map.Entry<String, String> topic : cataloguedTopics().entrySet()) {
            String note = topic.getValue();
            if (note.contains("compacted")) {
                assertThat(documented).as("docs/events.md states the configs of compacted").containsKey(topic.getKey())
                        .doesNotContainKey(topic.getKey() + ".DLT");
                assertThat(documented.get(topic.getKey()).configs()).as(topic.getKey() + " is compacted").containsEntry("cleanup.policy", "compact");
                continue;
            }
            assertThat(documented).as("docs/events.md states partitions and retention of").containsKeys(topic.getKey(), topic.getKey() + ".DLT");
            long retention = documented.get(topic.getKey()).retentionMs();
            if (note.contains("retention: forever")) {
                assertThat(retention).as("the catalogue says " + topic.getKey() + " is kept forever").isEqualTo(-1);
            } else if (note.contains("retention 1 day")) {
                assertThat(retention).as("the catalogue says " + topic.getKey() + " is kept 1 day").isEqualTo(86_400_000L);
            } else {
                assertThat(retention).as("the catalogue states no retention for " + topic.getKey() + ": the default").isEqualTo(SEVEN_DAYS_MS);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicOfTheCatalogue_isAKafkaTopic_withThePartitionsAndRetentionOfDocsEventsMd(String overlay) {
        Map<String, TopicSettings> manifests = new TreeMap<>();
        for (Map<String, Object> topic : kind(overlay, "KafkaTopic")) {
            Map<String, Object> spec = map(topic, "spec");
            Map<String, String> config = new TreeMap<>();
            map(spec, "config").forEach((name, value) -> config.put(name, String.valueOf(value)));
            String retention = config.remove("retention.ms");
            TopicSettings previous = manifests.put(str(spec, "topicName"), new TopicSettings(((Number) spec.get("partitions")).intValue(),
                    retention == null ? SEVEN_DAYS_MS : Long.parseLong(retention), config));
            assertThat(previous).as("two KafkaTopics for " + spec.get("topicName")).isNull();
        }
        assertThat(manifests).as(overlay + " KafkaTopics against docs/events.md").isEqualTo(documentedTopicSettings());

        int brokers = kind(overlay, "KafkaNodePool").stream().filter(pool -> strings(map(pool, "spec"), "roles").contains("broker"))
                .mapToInt(pool -> ((Number) map(pool, "spec").get("replicas")).intValue()).sum();
        for (Map<String, Object> topic : kind(overlay, "KafkaTopic")) {
            assertThat(((Number) map(topic, "spec").get("replicas")).intValue()).as(overlay + " replicas of " + map(topic, "spec").get("topicName"))
                    .isBetween(1, brokers);
        }
        Map<String, Object> config = map(byName(overlay, "Kafka").get("switchboard"), "spec", "kafka", "config");
        assertThat(((Number) config.get("min.insync.replicas")).intValue()).as(overlay + " min.insync.replicas").isLessThanOrEqualTo(brokers);
        assertThat(((Number) config.get("offsets.topic.replication.factor")).intValue()).isLessThanOrEqualTo(brokers);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyKafkaPrincipal_isAKafkaUser_withExactlyTheAclsOfAclsTxt_andEveryServiceUsesItsOwn(String overlay) {
        Map<String, Set<String>> expected = new TreeMap<>();
        for (String[] row : rows("deploy/kafka/acls.txt", 5)) {
            expected.computeIfAbsent(row[0], p -> new TreeSet<>()).add(acl(row[1], row[2], row[3], row[4]));
        }
        Map<String, Set<String>> users = new TreeMap<>();
        for (Map<String, Object> user : kind(overlay, "KafkaUser")) {
            assertThat(str(map(user, "spec", "authentication"), "type")).isEqualTo("scram-sha-512");
            Set<String> acls = new TreeSet<>();
            for (Map<String, Object> rule : list(map(user, "spec", "authorization"), "acls")) {
                Map<String, Object> resource = map(rule, "resource");
                String pattern = Objects.requireNonNullElse((String) resource.get("patternType"), "literal").equals("prefix") ? "prefixed" : "literal";
                for (String operation : strings(rule, "operations")) {
                    acls.add(acl(operation, str(resource, "type"), pattern, str(resource, "name")));
                }
            }
            users.put(str(map(user, "metadata"), "name"), acls);
        }
        assertThat(users).as(overlay + " KafkaUsers against deploy/kafka/acls.txt").isEqualTo(expected);
        assertThat(users.keySet()).as("a KafkaUser for every service").containsAll(modules());

        for (Topology.Service service : TOPOLOGY.services()) {
            Map<String, Object> container = onlyContainer(byName(overlay, "Deployment").get(service.module()));
            assertThat(value(container, "KAFKA_USERNAME")).isEqualTo(service.module());
            assertThat(str(secretRef(container, "KAFKA_PASSWORD"), "name")).as("Strimzi's Secret of the KafkaUser").isEqualTo(service.module());
        }
    }

    // --- the other operators' resources ---

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceDatabase_isACloudNativePgDatabase_ownedByARoleWhosePasswordTheServiceReads(String overlay) {
        Map<String, Object> cluster = byName(overlay, "Cluster").get("switchboard-db");
        Map<String, String> rolesToSecrets = new TreeMap<>();
        for (Map<String, Object> role : list(map(cluster, "spec", "managed"), "roles")) {
            rolesToSecrets.put(str(role, "name"), str(map(role, "passwordSecret"), "name"));
        }
        Map<String, String> databases = new TreeMap<>();
        kind(overlay, "Database").forEach(d -> databases.put(str(map(d, "spec"), "name"), str(map(d, "spec"), "owner")));
        for (Topology.Service service : TOPOLOGY.services().stream().filter(Topology.Service::hasDatabase).toList()) {
            assertThat(databases).as(overlay + " Database of " + service.module()).containsEntry(service.database(), service.database());
            assertThat(rolesToSecrets).as(overlay + " role of " + service.module()).containsKey(service.database());
            Map<String, Object> container = onlyContainer(byName(overlay, "Deployment").get(service.module()));
            for (String variable : List.of("SPRING_R2DBC_PASSWORD", "SPRING_FLYWAY_PASSWORD")) {
                assertThat(str(secretRef(container, variable), "name")).as(service.module() + " " + variable).isEqualTo(rolesToSecrets.get(service.database()));
            }
        }
    }

    /** The realm import is deploy/keycloak/switchboard-realm.json less the demo users, with the client secret from a Secret. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theRealmImport_isTheRealmFile_withoutDemoUsersOrItsDevSecret(String overlay) throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(ROOT.resolve("deploy/keycloak/switchboard-realm.json")));
        Map<String, Object> imported = byName(overlay, "KeycloakRealmImport").get("switchboard-realm");
        Map<String, Object> realm = map(imported, "spec", "realm");

        Set<String> differing = Set.of("users", "clients", "sslRequired");
        for (Map.Entry<String, Object> setting : file.entrySet()) {
            if (!differing.contains(setting.getKey())) {
                assertThat(realm.get(setting.getKey())).as(overlay + " realm setting " + setting.getKey()).isEqualTo(setting.getValue());
            }
        }
        assertThat(realm.keySet()).containsExactlyInAnyOrderElementsOf(file.keySet());
        assertThat(realm.get("sslRequired")).isEqualTo("external");

        Map<String, Map<String, Object>> fileClients = byKey(list(file, "clients"), "clientId");
        Map<String, Map<String, Object>> clients = byKey(list(realm, "clients"), "clientId");
        assertThat(clients.keySet()).isEqualTo(fileClients.keySet());
        for (String clientId : fileClients.keySet()) {
            Set<String> deployedDifferently = Set.of("secret", "redirectUris", "webOrigins");
            for (Map.Entry<String, Object> setting : fileClients.get(clientId).entrySet()) {
                if (!deployedDifferently.contains(setting.getKey())) {
                    assertThat(clients.get(clientId).get(setting.getKey())).as(overlay + " client " + clientId + " " + setting.getKey()).isEqualTo(setting.getValue());
                }
            }
        }
        for (Map<String, Object> client : clients.values()) {
            if (client.containsKey("secret")) {
                Matcher placeholder = Pattern.compile("\\$\\{(\\w+)}").matcher(str(client, "secret"));
                assertThat(placeholder.matches()).as(client.get("clientId") + "'s secret is a placeholder, not a value").isTrue();
                assertThat(map(imported, "spec", "placeholders", placeholder.group(1), "secret")).as("the placeholder's Secret").containsKeys("name", "key");
            }
            for (String uri : strings(client, "redirectUris")) {
                assertThat(uri).as(overlay + " redirect URI").startsWith("https://").doesNotContain("localhost");
            }
        }
        for (Map<String, Object> user : list(realm, "users")) {
            assertThat(user).as("a user of the imported realm: no password, no demo account").doesNotContainKey("credentials").containsKey("serviceAccountClientId");
        }
        String identitySecret = str(secretRef(onlyContainer(byName(overlay, "Deployment").get("identity-service")), "SWITCHBOARD_KEYCLOAK_CLIENT_SECRET"), "name");
        assertThat(map(imported, "spec", "placeholders").values()).as("identity-service and Keycloak read the same client secret")
                .anySatisfy(p -> assertThat(map(asMap(p), "secret").get("name")).isEqualTo(identitySecret));
    }

    // --- the overlays' differences ---

    @Test
    void dev_runsOneInstanceOfEachService() {
        kind("dev", "Deployment").forEach(d -> assertThat(map(d, "spec").get("replicas")).as(str(map(d, "metadata"), "name")).isEqualTo(1));
        assertThat(kind("dev", "HorizontalPodAutoscaler")).isEmpty();
    }

    @Test
    void prod_runsTwoInstancesAtLeast_andScalesEveryServiceWithAnAutoscaler() {
        Map<String, Map<String, Object>> autoscalers = new TreeMap<>();
        for (Map<String, Object> hpa : kind("prod", "HorizontalPodAutoscaler")) {
            Map<String, Object> target = map(hpa, "spec", "scaleTargetRef");
            assertThat(str(target, "kind")).isEqualTo("Deployment");
            autoscalers.put(str(target, "name"), map(hpa, "spec"));
        }
        assertThat(autoscalers.keySet()).containsExactlyInAnyOrderElementsOf(modules());
        for (Map.Entry<String, Map<String, Object>> hpa : autoscalers.entrySet()) {
            assertThat(((Number) hpa.getValue().get("minReplicas")).intValue()).as(hpa.getKey() + " minReplicas").isGreaterThanOrEqualTo(2);
            assertThat(((Number) hpa.getValue().get("maxReplicas")).intValue()).isGreaterThan(((Number) hpa.getValue().get("minReplicas")).intValue());
            assertThat(((Number) map(byName("prod", "Deployment").get(hpa.getKey()), "spec").get("replicas")).intValue())
                    .as(hpa.getKey() + " replicas").isGreaterThanOrEqualTo(2);
        }
        assertThat(((Number) map(byName("prod", "KafkaNodePool").get("dual"), "spec").get("replicas")).intValue()).isGreaterThanOrEqualTo(3);
        assertThat(((Number) map(byName("prod", "Cluster").get("switchboard-db"), "spec").get("instances")).intValue()).isGreaterThanOrEqualTo(2);
    }

    // --- docs/events.md ---

    /** The first column of docs/events.md's "## Topics" table: topic → its note in brackets ("retention: forever"), or "". */
    private static Map<String, String> cataloguedTopics() {
        Map<String, String> topics = new TreeMap<>();
        Pattern row = Pattern.compile("^\\| `([a-z0-9.-]+)`( \\(([^)]*)\\))? \\| [^|]+ \\| .*");
        for (String line : section(eventsMd(), "## Topics", "### ")) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                topics.put(m.group(1), Objects.requireNonNullElse(m.group(3), ""));
            }
        }
        assertThat(topics).as("topics in docs/events.md's catalogue").isNotEmpty();
        return topics;
    }

    /** docs/events.md's "### Partitions and retention" table: `topic` | partitions | retention (N days, 1 day, forever). */
    private static Map<String, TopicSettings> documentedTopicSettings() {
        Map<String, TopicSettings> settings = new TreeMap<>();
        Pattern row = Pattern.compile("^\\| `([A-Za-z0-9.-]+)` \\| (\\d+) \\| ([^|]+) \\|$");
        for (String line : section(eventsMd(), "### Partitions and retention", "## ")) {
            Matcher m = row.matcher(line.strip());
            if (m.matches()) {
                String retention = m.group(3).strip();
                Matcher compacted = Pattern.compile("^compacted \\(`([^`]+)`.*").matcher(retention);
                settings.put(m.group(1), compacted.matches()
                        ? new TopicSettings(Integer.parseInt(m.group(2)), SEVEN_DAYS_MS, configs(compacted.group(1)))
                        : new TopicSettings(Integer.parseInt(m.group(2)), retentionMs(retention), Map.of()));
            }
        }
        assertThat(settings).as("docs/events.md's partitions and retention table").isNotEmpty();
        return settings;
    }

    private static long retentionMs(String text) {
        if (text.equals("forever")) {
            return -1;
        }
        Matcher days = Pattern.compile("^(\\d+) days?\\b.*").matcher(text);
        if (!days.matches()) {
            fail("docs/events.md: a retention is 'forever' or 'N days', not: " + text);
        }
        return Long.parseLong(days.group(1)) * 86_400_000L;
    }

    private static List<String> section(List<String> lines, String heading, String nextHeadingPrefix) {
        int start = lines.indexOf(heading);
        assertThat(start).as("docs/events.md has a heading " + heading).isNotNegative();
        List<String> section = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith(nextHeadingPrefix) || (line.startsWith("## ") && !nextHeadingPrefix.startsWith("## "))) {
                break;
            }
            section.add(line);
        }
        return section;
    }

    /** The rows of one of deploy/kafka's tables, read as create-users-topics-acls.sh reads them: comments and blank lines dropped. */
    private static List<String[]> rows(String file, int columns) {
        return rows(file, columns, columns);
    }

    /** Rows with between {@code minColumns} and {@code maxColumns} cells (topics.txt's configs column is optional). */
    private static List<String[]> rows(String file, int minColumns, int maxColumns) {
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(ROOT.resolve(file))) {
                String content = line.replaceFirst("#.*", "").strip();
                if (!content.isEmpty()) {
                    String[] cells = content.split("\\s+");
                    assertThat(cells.length).as(file + ": " + line).isBetween(minColumns, maxColumns);
                    rows.add(cells);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> eventsMd() {
        try {
            return Files.readAllLines(ROOT.resolve("docs/events.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Retention (the broker's 7 days where not set) and the topic's other configs. */
    private record TopicSettings(int partitions, long retentionMs, Map<String, String> configs) {
    }

    /** {@code name=value,name=value}, as topics.txt's configs column and docs/events.md's compacted row write them. */
    private static Map<String, String> configs(String list) {
        Map<String, String> configs = new TreeMap<>();
        for (String pair : list.split(",")) {
            String[] nameValue = pair.strip().split("=", 2);
            configs.put(nameValue[0], nameValue[1]);
        }
        return configs;
    }

    private static String acl(String operation, String resource, String pattern, String name) {
        return (operation + " " + resource + " " + pattern + " " + name).toLowerCase(Locale.ROOT).replace("_", "");
    }

    // --- rendering ---

    private static synchronized List<Map<String, Object>> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, KubernetesManifestsTest::render);
    }

    private static List<Map<String, Object>> render(String overlay) {
        String kubectl = run(List.of(ROOT.resolve("deploy/scripts/find-kubectl.sh").toString()), "deploy/scripts/find-kubectl.sh").strip();
        String yaml = run(List.of(kubectl, "kustomize", ROOT.resolve("deploy/k8s/overlays").resolve(overlay).toString()), "kubectl kustomize " + overlay);
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(20 * 1024 * 1024);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(options).loadAll(yaml)) {
            if (document != null) {
                documents.add(asMap(document));
            }
        }
        assertThat(documents).as("rendered " + overlay).isNotEmpty();
        return documents;
    }

    /** stdout of a command; fails with its stderr when it fails (a missing kubectl says what to install). */
    private static String run(List<String> command, String what) {
        try {
            Path err = Files.createTempFile("k8s-manifests", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(err.toFile()).start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    fail(what + " did not finish");
                }
                if (process.exitValue() != 0) {
                    fail(what + " failed (exit " + process.exitValue() + "):\n" + Files.readString(err));
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- reading the rendered YAML ---

    private static List<Map<String, Object>> kind(String overlay, String kind) {
        return rendered(overlay).stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static Map<String, Map<String, Object>> byName(String overlay, String kind) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        kind(overlay, kind).forEach(d -> byName.put(str(map(d, "metadata"), "name"), d));
        return byName;
    }

    private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> items, String key) {
        Map<String, Map<String, Object>> byKey = new TreeMap<>();
        items.forEach(item -> byKey.put(str(item, key), item));
        return byKey;
    }

    private static List<String> modules() {
        return TOPOLOGY.services().stream().map(Topology.Service::module).toList();
    }

    private static Map<String, Object> onlyContainer(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = list(map(deployment, "spec", "template", "spec"), "containers");
        assertThat(containers).as(str(map(deployment, "metadata"), "name") + " containers").hasSize(1);
        return containers.getFirst();
    }

    /** A probe's or Service's port, by number or by the container port's name. */
    private static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Number n) {
            return n.intValue();
        }
        return list(container, "ports").stream().filter(p -> Objects.equals(p.get("name"), port))
                .map(p -> ((Number) p.get("containerPort")).intValue()).findFirst().orElseThrow(() -> new AssertionError("no container port named " + port));
    }

    /** A Kubernetes memory quantity (512Mi, 1Gi, 500M) or a JVM size (256m) in bytes. */
    private static long bytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Ki|Mi|Gi|k|K|M|G|m|g)?").matcher(quantity);
        assertThat(m.matches()).as("a memory quantity: " + quantity).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (Objects.requireNonNullElse(m.group(2), "")) {
            case "Ki", "k", "K" -> n * 1024;
            case "Mi", "m", "M" -> n * 1024 * 1024;
            case "Gi", "g", "G" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }

    /** JAVA_TOOL_OPTIONS of the container, from the ConfigMap it names. */
    private static String javaToolOptions(String overlay, Map<String, Object> container) {
        Map<String, Object> ref = list(container, "env").stream().filter(e -> "JAVA_TOOL_OPTIONS".equals(e.get("name")))
                .map(e -> map(e, "valueFrom", "configMapKeyRef")).findFirst().orElseThrow(() -> new AssertionError("no JAVA_TOOL_OPTIONS"));
        return str(map(byName(overlay, "ConfigMap").get(str(ref, "name")), "data"), str(ref, "key"));
    }

    private static String value(Map<String, Object> container, String variable) {
        return list(container, "env").stream().filter(e -> variable.equals(e.get("name"))).map(e -> (String) e.get("value")).filter(Objects::nonNull)
                .findFirst().orElseThrow(() -> new AssertionError("no value for " + variable));
    }

    private static Map<String, Object> secretRef(Map<String, Object> container, String variable) {
        return list(container, "env").stream().filter(e -> variable.equals(e.get("name"))).map(e -> map(e, "valueFrom", "secretKeyRef"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + variable));
    }

    /** Every label of the selector is on the pod (an empty selector selects nothing here: it would select every pod). */
    private static boolean selects(Map<String, Object> selector, Map<String, Object> podLabels) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> Objects.equals(podLabels.get(e.getKey()), e.getValue()));
    }

    private static Map<String, Object> map(Map<String, Object> from, String... path) {
        Map<String, Object> at = from;
        for (String key : path) {
            Object next = at.get(key);
            if (next == null) {
                return Map.of();
            }
            at = asMap(next);
        }
        return at;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("a mapping expected, not: " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> from, String key) {
        Object value = from.get(key);
        return value == null ? List.of() : ((List<Object>) value).stream().map(v -> v instanceof Map ? (Map<String, Object>) v : Map.of("value", (Object) v)).toList();
    }

    private static List<String> strings(Map<String, Object> from, String key) {
        Object value = from.get(key);
        return value == null ? List.of() : ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private static String str(Map<String, Object> from, String key) {
        Object value = from.get(key);
        return value == null ? null : value.toString();
    }

    /** Topology.environment needs a PostgresServer for the URLs; only the variable names are compared here. */
    private record NamesOnlyPostgres() implements PostgresServer {
        public String host() {
            return "db";
        }

        public int port() {
            return 5432;
        }

        public String username() {
            return "u";
        }

        public String password() {
            return "p";
        }

        public void close() {
        }
    }
}
