package io.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka 4 broker in KRaft mode (broker and controller in one node), run as a child JVM on this
 * JVM's classpath, which carries kafka_2.13 through spring-kafka-test.
 *
 * <p>{@link #start} runs it unauthenticated (PLAINTEXT, no authorizer): the tests' and the local stack's
 * broker. {@link #startAuthenticated} runs the deployable configuration of deploy/kafka/server.properties
 * (SASL/SCRAM-SHA-512, StandardAuthorizer, super user {@value #ADMIN}), with only ports and log dirs replaced.
 */
public final class KafkaBrokerProcess implements KafkaServer {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** The super user of the authenticated broker (inter-broker traffic, creating users, topics and ACLs). */
    public static final String ADMIN = "admin";
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private final ChildProcess process;
    private final int port;
    private final Map<String, Object> adminClientProperties;
    private final Path scratchFolder;

    private KafkaBrokerProcess(ChildProcess process, int port, Map<String, Object> adminClientProperties, Path scratchFolder) {
        this.process = process;
        this.port = port;
        this.adminClientProperties = adminClientProperties;
        this.scratchFolder = scratchFolder;
    }

    /**
     * @param port    0 for a free port
     * @param dataDir kept between starts when not null (log segments, offsets); a temporary one otherwise
     */
    public static KafkaBrokerProcess start(int port, Path dataDir) {
        try {
            int brokerPort = port == 0 ? Ports.free() : port;
            int controllerPort = Ports.free();
            Path dir = dataDir != null ? dataDir : Files.createTempDirectory("switchboard-kafka");
            Files.createDirectories(dir);
            Path logs = dir.resolve("logs");
            Path config = dir.resolve("server.properties");
            writeServerProperties(config, brokerPort, controllerPort, logs);
            Path logback = dir.resolve("logback.xml");
            Files.writeString(logback, LOGBACK);

            Path log = dir.resolve("kafka.log");
            if (!Files.exists(logs.resolve("meta.properties"))) {
                format(List.of(), Map.of(), config, dir, log, logback);
            }
            return launch(brokerPort, config, Map.of(), dir, log, logback, Map.of(), dataDir == null);
        } catch (IOException e) {
            throw new IllegalStateException("Kafka did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Starts a broker with deploy/kafka/server.properties (SASL/SCRAM on its client listener, PLAIN on the
     * controller listener, StandardAuthorizer, no auto-created topics) on free ports in a temporary folder.
     * Only {@value #ADMIN} exists at first; create service users, topics and ACLs with {@link KafkaAccessControl}.
     *
     * @param adminPassword the super user's password
     */
    public static KafkaBrokerProcess startAuthenticated(String adminPassword) {
        try {
            int brokerPort = Ports.free();
            int controllerPort = Ports.free();
            Path dir = Files.createTempDirectory("switchboard-kafka-sasl");
            Path logs = dir.resolve("logs");
            Path config = dir.resolve("server.properties");
            writeDeployableProperties(config, brokerPort, controllerPort, logs);
            Path logback = dir.resolve("logback.xml");
            Files.writeString(logback, LOGBACK);
            Path log = dir.resolve("kafka.log");
            // the secrets reach the broker as deploy/kafka says: environment variables read by its config provider
            Map<String, String> env = Map.of(
                    "KAFKA_ADMIN_PASSWORD", adminPassword,
                    "KAFKA_CONTROLLER_PASSWORD", UUID.randomUUID().toString());
            format(List.of("--add-scram", SCRAM_MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword + "]"), env, config, dir, log, logback);
            return launch(brokerPort, config, env, dir, log, logback, clientProperties(ADMIN, adminPassword), true);
        } catch (IOException e) {
            throw new IllegalStateException("Kafka did not start: " + e.getMessage(), e);
        }
    }

    /** What a client of the authenticated broker adds to its configuration to sign in as {@code user}. */
    public static Map<String, Object> clientProperties(String user, String password) {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", SCRAM_MECHANISM,
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
    }

    /** The super user's client settings (empty for an unauthenticated broker). */
    public Map<String, Object> adminClientProperties() {
        return adminClientProperties;
    }

    private static KafkaBrokerProcess launch(int brokerPort, Path config, Map<String, String> env, Path dir, Path log, Path logback,
                                             Map<String, Object> adminClientProperties, boolean temporary) {
        ChildProcess broker = ChildProcess.start("kafka",
                ChildProcess.javaCommand(System.getProperty("java.class.path"), jvmOptions(logback), "kafka.Kafka", List.of(config.toString())),
                env, dir, log);
        KafkaBrokerProcess server = new KafkaBrokerProcess(broker, brokerPort, adminClientProperties, temporary ? dir : null);
        server.awaitReady();
        return server;
    }

    private static List<String> jvmOptions(Path logback) {
        return List.of("-Xms64m", "-Xmx512m", "-Dlogback.configurationFile=" + logback);
    }

    /** deploy/kafka/server.properties (on the classpath as kafka/server.properties) with this run's ports and folder. */
    private static void writeDeployableProperties(Path file, int port, int controllerPort, Path logs) throws IOException {
        Properties p = new Properties();
        try (InputStream in = KafkaBrokerProcess.class.getResourceAsStream("/kafka/server.properties")) {
            if (in == null) {
                throw new IllegalStateException("kafka/server.properties (from deploy/kafka) is not on the classpath");
            }
            p.load(in);
        }
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "BROKER://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "BROKER://127.0.0.1:" + port);
        p.setProperty("log.dirs", logs.toString());
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "deploy/kafka/server.properties with ports and log.dirs of this test run");
        }
    }

    private static void format(List<String> extraArgs, Map<String, String> env, Path config, Path dir, Path log, Path logback) {
        List<String> args = new ArrayList<>(List.of("format", "--ignore-formatted", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        args.addAll(extraArgs);
        ChildProcess format = ChildProcess.start("kafka-storage-format",
                ChildProcess.javaCommand(System.getProperty("java.class.path"), jvmOptions(logback), "kafka.tools.StorageTool", args),
                env, dir, log);
        try {
            ProcessHandle handle = ProcessHandle.of(format.pid()).orElseThrow();
            handle.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            format.close();
            throw new IllegalStateException("formatting Kafka storage failed:\n" + format.logTail(20), e);
        }
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            throw new IllegalStateException("formatting Kafka storage failed:\n" + format.logTail(20));
        }
    }

    private static void writeServerProperties(Path file, int port, int controllerPort, Path logs) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logs.toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "written by Switchboard's KafkaBrokerProcess");
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited during startup:\n" + process.logTail(30));
            }
            Map<String, Object> config = new HashMap<>(adminClientProperties);
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                sleep(200);
            }
        }
        process.close();
        throw new IllegalStateException("Kafka not ready after " + STARTUP + ":\n" + process.logTail(30), last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
        if (scratchFolder != null) {
            ScratchFolder.clearKeepingLogs(scratchFolder);
        }
    }

    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.apache.kafka" level="WARN"/>
              <logger name="kafka" level="WARN"/>
              <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
}
