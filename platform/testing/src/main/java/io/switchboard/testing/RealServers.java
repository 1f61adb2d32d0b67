package io.switchboard.testing;

import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;

/**
 * The real servers of one test JVM, each started on first use and shared by every test class in it.
 * PostgreSQL and Kafka come from Testcontainers where a Docker engine answers and run embedded (real
 * binaries from Maven Central) where it does not; {@code SWITCHBOARD_SERVERS=embedded|containers} forces a
 * choice. Keycloak and SMTP always run embedded: they need nothing but a JDK.
 */
public final class RealServers {

    private static final Shared<PostgresServer> POSTGRES = new Shared<>(() ->
            useContainers() ? ContainerPostgresServer.start() : EmbeddedPostgresServer.start(0, null));
    private static final Shared<KafkaServer> KAFKA = new Shared<>(() ->
            useContainers() ? ContainerKafkaServer.start() : KafkaBrokerProcess.start(0, null));
    private static final Shared<KeycloakServer> KEYCLOAK = new Shared<>(() -> KeycloakProcess.start(0, null, "127.0.0.1"));
    private static final Shared<GreenMailSmtpServer> SMTP = new Shared<>(() -> GreenMailSmtpServer.start(0, 0));

    private static Boolean containers;

    private RealServers() {
    }

    public static PostgresServer postgres() {
        return POSTGRES.get();
    }

    public static KafkaServer kafka() {
        return KAFKA.get();
    }

    public static KeycloakServer keycloak() {
        return KEYCLOAK.get();
    }

    public static GreenMailSmtpServer smtp() {
        return SMTP.get();
    }

    static synchronized boolean useContainers() {
        if (containers == null) {
            String forced = System.getenv("SWITCHBOARD_SERVERS");
            containers = forced != null ? forced.equals("containers") : dockerAnswers();
        }
        return containers;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Points a Spring Boot service at its own database on the shared PostgreSQL, and at the shared Kafka. */
    public static void registerDatabaseAndKafka(DynamicPropertyRegistry registry, String database) {
        registry.add("spring.r2dbc.url", () -> {
            postgres().createDatabase(database);
            return postgres().r2dbcUrl(database);
        });
        registry.add("spring.r2dbc.username", () -> postgres().username());
        registry.add("spring.r2dbc.password", () -> postgres().password());
        registry.add("spring.flyway.url", () -> {
            postgres().createDatabase(database);
            return postgres().jdbcUrl(database);
        });
        registry.add("spring.flyway.user", () -> postgres().username());
        registry.add("spring.flyway.password", () -> postgres().password());
        registry.add("spring.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
    }

    public static void registerKafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
    }

    /** Makes a resource server (or the gateway) trust the shared Keycloak's switchboard realm. */
    public static void registerKeycloak(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> keycloak().issuer());
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> keycloak().jwkSetUri());
    }

    /** Started once, on first use, closed when the JVM ends. */
    private static final class Shared<T extends AutoCloseable> {
        private final Supplier<T> starter;
        private T value;

        Shared(Supplier<T> starter) {
            this.starter = starter;
        }

        synchronized T get() {
            if (value == null) {
                T started = starter.get();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (Exception ignored) {
                        // the JVM is ending; the child processes end with it
                    }
                }));
                value = started;
            }
            return value;
        }
    }
}
