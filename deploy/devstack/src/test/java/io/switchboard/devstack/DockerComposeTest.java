package io.switchboard.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.switchboard.testing.PostgresServer;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml runs the same stack as the devstack: a compose client accepts it, and its services, ports,
 * databases and environment variable names are those of topology.properties and {@link Topology#environment}.
 * The values differ (container host names instead of 127.0.0.1), so only names are compared.
 */
class DockerComposeTest {

    private static final Path ROOT = Devstack.findRoot(Path.of("").toAbsolutePath());
    /** Not built from this repository. */
    private static final Set<String> INFRASTRUCTURE = Set.of("postgres", "kafka", "kafka-init", "keycloak", "keycloak-init", "mailpit");
    /**
     * What compose adds to the local stack's environment: its broker is deploy/kafka's, where every service signs in
     * with a SCRAM user of its own (the local stack's broker is unauthenticated).
     */
    private static final Set<String> COMPOSE_ONLY = Set.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_PASSWORD", "SPRING_PROFILES_ACTIVE");
    private static final String REALM_PATH = "/realms/switchboard";

    private final Topology topology = Topology.load();
    private final Map<String, Object> compose = load(ROOT.resolve("docker-compose.yml"));

    @Test
    void theComposeClientAcceptsTheFile() throws Exception {
        List<String> client = composeClient();
        List<String> command = new ArrayList<>(client);
        command.addAll(List.of("--file", "docker-compose.yml", "config", "--quiet"));
        Result result = run(command, 120);
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " found docker-compose.yml invalid (exit " + result.exitCode() + "):\n" + result.output());
        }
    }

    @Test
    void everyServiceOfTheTopology_isBuiltFromItsModule_withTheSharedDockerfile_andNoOtherIs() {
        Set<String> built = new TreeSet<>(services().keySet());
        built.removeAll(INFRASTRUCTURE);
        assertThat(built).as("docker-compose.yml's services besides the infrastructure " + INFRASTRUCTURE)
                .containsExactlyInAnyOrderElementsOf(topology.services().stream().map(Topology.Service::module).toList());
        for (Topology.Service s : topology.services()) {
            Map<String, Object> build = map(service(s.module()), "build");
            assertThat(build).as(s.module() + " build").containsEntry("context", ".").containsEntry("dockerfile", "deploy/docker/Dockerfile");
            assertThat(map(build, "args")).as(s.module() + " build args").containsEntry("MODULE", s.module());
        }
        assertThat(ROOT.resolve("deploy/docker/Dockerfile")).exists();
    }

    @Test
    void theBuildContext_letsInTheDockerfileAndEachServicesJar_only() throws IOException {
        List<String> rules = Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        List<String> expected = new ArrayList<>(List.of("*", "!deploy/docker/Dockerfile"));
        topology.services().forEach(s -> expected.add("!" + s.module() + "/target/" + s.module() + ".jar"));
        assertThat(rules).as(".dockerignore: everything out, then the Dockerfile and each service's jar by name").isEqualTo(expected);
    }

    @Test
    void eachServiceListensOnItsTopologyPort_andEveryPublishedPortIsOnLoopbackOnly() {
        for (Topology.Service s : topology.services()) {
            assertThat(environment(s.module())).as(s.module()).containsEntry("SERVER_PORT", Integer.toString(s.port()))
                    .as(s.module() + " logs JSON (the deploy profile)").containsEntry("SPRING_PROFILES_ACTIVE", "deploy");
            assertThat(ports(s.module())).as(s.module() + " ports").containsExactly("127.0.0.1:" + s.port() + ":" + s.port());
        }
        assertThat(ports("postgres")).containsExactly("127.0.0.1:" + topology.postgresPort() + ":5432");
        assertThat(ports("keycloak")).containsExactly("127.0.0.1:" + topology.keycloakPort() + ":8080");
        assertThat(ports("mailpit")).containsExactlyInAnyOrder("127.0.0.1:" + topology.smtpPort() + ":1025",
                "127.0.0.1:" + topology.mailWebPort() + ":8025");
        assertThat(ports("kafka")).as("kafka advertises kafka:9092, a name only the compose network knows").isEmpty();
        services().keySet().forEach(name -> assertThat(ports(name)).as(name + " ports").allMatch(p -> p.startsWith("127.0.0.1:")));
    }

    @Test
    void eachService_getsTheVariablesTheLocalStackGivesIt_andTheBrokerSignInOnly() {
        Topology.Servers servers = new Topology.Servers(new ComposePostgres(), "kafka:9092", "http://keycloak:8080",
                "http://localhost:8180" + REALM_PATH, "http://keycloak:8080" + REALM_PATH + "/protocol/openid-connect/certs",
                "mailpit", 1025, "client-secret", "http://localhost:8080", "push-key");
        List<String> mismatches = new ArrayList<>();
        for (Topology.Service s : topology.services()) {
            Set<String> expected = new TreeSet<>(topology.environment(s, "0.0.0.0", s.port(), s.database(), servers,
                    target -> "http://" + target + ":" + topology.service(target).port()).keySet());
            expected.addAll(COMPOSE_ONLY);
            Set<String> actual = new TreeSet<>(environment(s.module()).keySet());
            if (!actual.equals(expected)) {
                mismatches.add(s.module() + ": missing " + difference(expected, actual) + ", not in the local stack " + difference(actual, expected));
            }
        }
        assertThat(mismatches).as("environment variable names in docker-compose.yml against Topology.environment").isEmpty();
    }

    @Test
    void theServicesCallEachOtherByContainerName_onTheirTopologyPorts() {
        for (Topology.Service s : topology.services()) {
            for (String target : s.calls()) {
                String variable = "SWITCHBOARD_SERVICES_" + target.replace("-service", "").toUpperCase(Locale.ROOT);
                assertThat(environment(s.module())).as(s.module() + " calls " + target)
                        .containsEntry(variable, "http://" + target + ":" + topology.service(target).port());
            }
        }
    }

    @Test
    void browserAndServices_agreeOnTheTokenIssuer_andTheGatewaysPublicUrl() {
        URI keycloak = URI.create(environment("keycloak").get("KC_HOSTNAME"));
        assertThat(keycloak.getHost()).isEqualTo("localhost");
        assertThat(keycloak.getPort()).as("KC_HOSTNAME's port is the one published for browsers").isEqualTo(topology.keycloakPort());
        for (Topology.Service s : topology.services()) {
            assertThat(environment(s.module())).as(s.module())
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", keycloak + REALM_PATH)
                    .containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
                            "http://keycloak:8080" + REALM_PATH + "/protocol/openid-connect/certs");
        }
        String publicUrl = "http://localhost:" + topology.service("gateway").port();
        topology.services().stream().filter(s -> s.uses().contains("keycloak-admin")).forEach(s -> assertThat(environment(s.module()))
                .containsEntry("SWITCHBOARD_INVITATIONS_PUBLIC_URL", publicUrl).containsEntry("SWITCHBOARD_ACCOUNTS_PUBLIC_URL", publicUrl));
        assertThat(volumes("keycloak")).contains("./deploy/keycloak/switchboard-realm.json:/opt/keycloak/data/import/switchboard-realm.json:ro");
    }

    @Test
    void eachServiceUsesItsOwnDatabase_andPostgresCreatesExactlyThoseAndKeycloaks() throws IOException {
        for (Topology.Service s : topology.services().stream().filter(Topology.Service::hasDatabase).toList()) {
            Map<String, String> env = environment(s.module());
            assertThat(env.get("SPRING_R2DBC_URL")).as(s.module()).matches("r2dbc:postgresql://postgres:5432/" + s.database() + "(\\?.*)?");
            assertThat(env.get("SPRING_FLYWAY_URL")).as(s.module()).isEqualTo("jdbc:postgresql://postgres:5432/" + s.database());
        }
        String script = Files.readString(ROOT.resolve("deploy/docker/postgres/create-databases.sql"));
        Set<String> created = new TreeSet<>();
        Matcher m = Pattern.compile("(?im)^\\s*create\\s+database\\s+(\\w+)\\s*;").matcher(script);
        while (m.find()) {
            created.add(m.group(1));
        }
        Set<String> expected = new TreeSet<>(topology.databases());
        expected.add("keycloak");
        assertThat(created).isEqualTo(expected);
        assertThat(volumes("postgres")).contains("./deploy/docker/postgres/create-databases.sql:/docker-entrypoint-initdb.d/create-databases.sql:ro");
    }

    @Test
    void everyKafkaPrincipal_getsItsPasswordFromOneVariable_andEachServiceSignsInWithIt() throws IOException {
        Set<String> principals = Files.readAllLines(ROOT.resolve("deploy/kafka/acls.txt")).stream()
                .map(line -> line.replaceAll("#.*", "").trim()).filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+")[0]).collect(Collectors.toCollection(TreeSet::new));
        Map<String, String> init = environment("kafka-init");
        for (String principal : principals) {
            String variable = passwordVariable(principal);
            assertThat(init.get(variable)).as("kafka-init's " + variable).startsWith("${" + variable + ":-");
        }
        for (Topology.Service s : topology.services()) {
            assertThat(principals).as("acls.txt names " + s.module()).contains(s.module());
            assertThat(environment(s.module()).get("KAFKA_PASSWORD")).as(s.module()).isEqualTo(init.get(passwordVariable(s.module())));
        }
        assertThat(volumes("kafka-init")).contains("./deploy/kafka:/etc/switchboard/kafka:ro");
        assertThat(volumes("kafka")).contains("./deploy/kafka:/etc/switchboard/kafka:ro");
    }

    @Test
    void noSecretIsWrittenIntoTheFile_everyOneComesFromTheEnvironment() {
        Pattern secret = Pattern.compile(".*(PASSWORD|SECRET|ENCRYPTION_KEY).*");
        Pattern fromEnvironment = Pattern.compile("\\$\\{[A-Z0-9_]+(:-[^}]*)?}");
        List<String> written = new ArrayList<>();
        services().keySet().forEach(name -> environment(name).forEach((variable, value) -> {
            if (secret.matcher(variable).matches() && !fromEnvironment.matcher(value).matches()) {
                written.add(name + " " + variable);
            }
        }));
        assertThat(written).as("secrets given literally instead of ${VARIABLE:-local default}").isEmpty();
    }

    @Test
    void bothSidesOfEverySharedSecret_readTheSameVariable() {
        String postgresPassword = environment("postgres").get("POSTGRES_PASSWORD");
        topology.services().stream().filter(Topology.Service::hasDatabase).forEach(s -> assertThat(environment(s.module())).as(s.module())
                .containsEntry("SPRING_R2DBC_PASSWORD", postgresPassword).containsEntry("SPRING_FLYWAY_PASSWORD", postgresPassword));
        assertThat(environment("keycloak")).containsEntry("KC_DB_PASSWORD", postgresPassword);
        assertThat(environment("keycloak-init").get("KC_CLI_PASSWORD")).isEqualTo(environment("keycloak").get("KC_BOOTSTRAP_ADMIN_PASSWORD"));
        assertThat(environment("keycloak-init").get("SWITCHBOARD_KEYCLOAK_CLIENT_SECRET"))
                .isEqualTo(environment("identity-service").get("SWITCHBOARD_KEYCLOAK_CLIENT_SECRET"));
        assertThat(environment("kafka-init").get("KAFKA_ADMIN_PASSWORD")).isEqualTo(environment("kafka").get("KAFKA_ADMIN_PASSWORD"));
    }

    @Test
    void everyDependencyWaitsForHealthOrCompletion_andEveryAwaitedHealthIsChecked() {
        for (Topology.Service s : topology.services()) {
            Map<String, Object> depends = map(service(s.module()), "depends_on");
            assertThat(depends).as(s.module() + " depends_on").containsKey("kafka-init");
            if (s.hasDatabase()) {
                assertThat(depends).as(s.module() + " depends_on").containsKey("postgres");
            }
            assertThat(service(s.module())).as(s.module()).containsKey("healthcheck");
        }
        services().forEach((name, definition) -> {
            Object depends = ((Map<?, ?>) definition).get("depends_on");
            if (depends == null) {
                return;
            }
            assertThat(depends).as(name + " depends_on: conditions, not a plain list").isInstanceOf(Map.class);
            ((Map<?, ?>) depends).forEach((target, how) -> {
                Object condition = ((Map<?, ?>) how).get("condition");
                assertThat(condition).as(name + " on " + target).isIn("service_healthy", "service_completed_successfully");
                if ("service_healthy".equals(condition)) {
                    assertThat(service((String) target)).as(target + " (awaited healthy by " + name + ")").containsKey("healthcheck");
                }
            });
        });
    }

    // ---- the compose file

    private Map<String, Object> services() {
        return map(compose, "services");
    }

    private Map<String, Object> service(String name) {
        Map<String, Object> services = services();
        assertThat(services).as("docker-compose.yml services").containsKey(name);
        return map(services, name);
    }

    private Map<String, String> environment(String name) {
        Object env = service(name).get("environment");
        if (env == null) {
            return Map.of();
        }
        if (!(env instanceof Map<?, ?> values)) {
            throw new AssertionError(name + ": environment must be a mapping (NAME: value), not a list");
        }
        return values.entrySet().stream().collect(Collectors.toMap(e -> (String) e.getKey(), e -> String.valueOf(e.getValue())));
    }

    private List<String> ports(String name) {
        return strings(service(name).get("ports"));
    }

    private List<String> volumes(String name) {
        return strings(service(name).get("volumes"));
    }

    private static List<String> strings(Object list) {
        return list == null ? List.of() : ((List<?>) list).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> load(Path file) {
        try (Reader in = Files.newBufferedReader(file)) {
            return new Yaml().load(in); // resolves the file's anchors and <<: merges, as compose does
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As deploy/kafka/create-users-topics-acls.sh names it: KAFKA_PASSWORD_ORG_SERVICE for org-service. */
    private static String passwordVariable(String principal) {
        return "KAFKA_PASSWORD_" + principal.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new LinkedHashSet<>(a);
        d.removeAll(b);
        return d;
    }

    // ---- the compose client

    /** deploy/scripts/find-docker-compose.sh: the client's command, installing Debian's docker-compose if needed. */
    private static List<String> composeClient() throws Exception {
        Path script = ROOT.resolve("deploy/scripts/find-docker-compose.sh");
        Result found = run(List.of("sh", script.toString()), 600);
        String command = found.stdout().strip();
        if (found.exitCode() != 0 || command.isEmpty()) {
            fail("no Docker Compose client to check docker-compose.yml with (" + script + " exited " + found.exitCode() + "):\n" + found.output()
                    + "\ninstall one (Debian/Ubuntu: apt-get install docker-compose) or set DOCKER_COMPOSE to its executable");
        }
        return Arrays.asList(command.split(" "));
    }

    private record Result(int exitCode, String stdout, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws Exception {
        Path out = Files.createTempFile("compose-out", ".txt");
        Path err = Files.createTempFile("compose-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            return new Result(process.exitValue(), stdout, stdout + Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The compose network's PostgreSQL, as the services see it. */
    private record ComposePostgres() implements PostgresServer {
        public String host() {
            return "postgres";
        }

        public int port() {
            return 5432;
        }

        public String username() {
            return "switchboard";
        }

        public String password() {
            return "switchboard";
        }

        public void close() {
        }
    }
}
