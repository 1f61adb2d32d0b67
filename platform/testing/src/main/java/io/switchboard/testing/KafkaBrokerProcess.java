package io.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka 4 broker in KRaft mode (broker and controller in one node), run as a child JVM on this
 * JVM's classpath, which carries kafka_2.13 through spring-kafka-test.
 */
public final class KafkaBrokerProcess implements KafkaServer {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final ChildProcess process;
    private final int port;

    private KafkaBrokerProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
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

            String classpath = System.getProperty("java.class.path");
            List<String> jvm = List.of("-Xms64m", "-Xmx512m", "-Dlogback.configurationFile=" + logback);
            Path log = dir.resolve("kafka.log");
            if (!Files.exists(logs.resolve("meta.properties"))) {
                format(classpath, jvm, config, dir, log);
            }
            ChildProcess broker = ChildProcess.start("kafka",
                    ChildProcess.javaCommand(classpath, jvm, "kafka.Kafka", List.of(config.toString())),
                    Map.of(), dir, log);
            KafkaBrokerProcess server = new KafkaBrokerProcess(broker, brokerPort);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Kafka did not start: " + e.getMessage(), e);
        }
    }

    private static void format(String classpath, List<String> jvm, Path config, Path dir, Path log) {
        ChildProcess format = ChildProcess.start("kafka-storage-format",
                ChildProcess.javaCommand(classpath, jvm, "kafka.tools.StorageTool",
                        List.of("format", "--ignore-formatted", "-t", Uuid.randomUuid().toString(), "-c", config.toString())),
                Map.of(), dir, log);
        try {
            ProcessHandle handle = ProcessHandle.of(format.pid()).orElseThrow();
            handle.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            format.close();
            throw new IllegalStateException("formatting Kafka storage failed:\n" + format.logTail(20), e);
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
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
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
