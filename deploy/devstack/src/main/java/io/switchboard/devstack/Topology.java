package io.switchboard.devstack;

import io.switchboard.testing.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * The services, their ports and databases, and the environment each one is started with, from
 * {@code topology.properties}. The devstack and the e2e tests both start the service jars from this, so a
 * service added here runs in both, configured alike.
 */
public record Topology(int postgresPort, int kafkaPort, int keycloakPort, int smtpPort, int mailWebPort, List<Service> services) {

    /**
     * Instance {@code k} (from 0) of a service listens on its port + {@code INSTANCE_PORT_STEP × k}: the first keeps the
     * ports of a one-instance stack, and the second gateway (9080) stays clear of Keycloak (8180) and Kafka (9092).
     */
    public static final int INSTANCE_PORT_STEP = 1000;

    /** A service module: its local port, its own database (null for the gateway), what it calls and uses. */
    public record Service(String module, int port, String database, List<String> calls, Set<String> uses) {

        public Path jar(Path root) {
            return root.resolve(module).resolve("target").resolve(module + ".jar");
        }

        public boolean hasDatabase() {
            return database != null;
        }
    }

    /**
     * Where one stack's shared servers are and the secrets its services need.
     *
     * @param issuer                the token issuer the services trust (as people's browsers see Keycloak)
     * @param jwkSetUri             where the services fetch the signing keys
     * @param identityClientSecret  identity-service's Keycloak client secret (never in its application.yml)
     * @param publicUrl             where people reach the gateway (invitation and confirmation links point there)
     * @param pushKeyEncryptionKey  notification-service's push key-encryption key (base64 of 32 bytes, sealing its
     *                              VAPID private key; it must stay the same as long as its database does); null
     *                              leaves Web Push off
     */
    public record Servers(PostgresServer postgres, String kafkaBootstrap, String keycloakUrl, String issuer, String jwkSetUri,
                          String smtpHost, int smtpPort, String identityClientSecret, String publicUrl, String pushKeyEncryptionKey) {

        /** Without a push key: notification-service runs with Web Push off. */
        public Servers(PostgresServer postgres, String kafkaBootstrap, String keycloakUrl, String issuer, String jwkSetUri,
                       String smtpHost, int smtpPort, String identityClientSecret, String publicUrl) {
            this(postgres, kafkaBootstrap, keycloakUrl, issuer, jwkSetUri, smtpHost, smtpPort, identityClientSecret, publicUrl, null);
        }

        /** Never the secrets. */
        @Override
        public String toString() {
            return "Servers[kafka=" + kafkaBootstrap + ", keycloak=" + keycloakUrl + ", issuer=" + issuer + ", smtp=" + smtpHost + ":" + smtpPort
                    + ", publicUrl=" + publicUrl + ", push=" + (pushKeyEncryptionKey == null ? "off" : "on") + "]";
        }
    }

    public static Topology load() {
        Properties p = new Properties();
        try (InputStream in = Topology.class.getResourceAsStream("topology.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Service> services = list(p, "services").stream().map(m -> new Service(m, Integer.parseInt(required(p, m + ".port")),
                p.getProperty(m + ".database"), list(p, m + ".calls"), Set.copyOf(list(p, m + ".uses")))).toList();
        return new Topology(port(p, "postgres"), port(p, "kafka"), port(p, "keycloak"), port(p, "smtp"), port(p, "mail-web"), services);
    }

    public Service service(String module) {
        return services.stream().filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module + " in topology.properties"));
    }

    /** The port of instance {@code k} (from 0) of {@code service} in the local stack. */
    public static int port(Service service, int k) {
        return service.port() + INSTANCE_PORT_STEP * k;
    }

    /**
     * The base URLs instance {@code k} of {@code caller} is given for the services it calls when each service runs
     * {@code instances} times on 127.0.0.1: the gateway gets every instance of each, comma-separated (it balances between
     * them); any other caller its own counterpart, instance {@code k} of the service it calls.
     */
    public Function<String, String> localUrls(Service caller, int k, int instances) {
        return target -> {
            Service callee = service(target);
            if (!caller.module().equals("gateway")) {
                return "http://127.0.0.1:" + port(callee, k);
            }
            return String.join(",", java.util.stream.IntStream.range(0, instances).mapToObj(i -> "http://127.0.0.1:" + port(callee, i)).toList());
        };
    }

    public List<String> databases() {
        return services.stream().filter(Service::hasDatabase).map(Service::database).toList();
    }

    /**
     * The environment that starts {@code service}: its address and port, its database, Kafka, the token issuer,
     * the URLs of the services it calls and whatever else it uses (Keycloak's admin API, SMTP).
     *
     * @param address  the address it listens on (127.0.0.1 unless a flag opened the gateway)
     * @param database the database name to use (the e2e tests add a suffix)
     * @param urlOf    the base URL of another service, by module name (for the gateway, several comma-separated:
     *                 the instances it balances between)
     */
    public Map<String, String> environment(Service service, String address, int port, String database, Servers servers,
                                           Function<String, String> urlOf) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_ADDRESS", address);
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrap());
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", servers.issuer());
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", servers.jwkSetUri());
        if (service.hasDatabase()) {
            PostgresServer pg = servers.postgres();
            env.put("SPRING_R2DBC_URL", pg.r2dbcUrl(database));
            env.put("SPRING_R2DBC_USERNAME", pg.username());
            env.put("SPRING_R2DBC_PASSWORD", pg.password());
            env.put("SPRING_FLYWAY_URL", pg.jdbcUrl(database));
            env.put("SPRING_FLYWAY_USER", pg.username());
            env.put("SPRING_FLYWAY_PASSWORD", pg.password());
        }
        for (String target : service.calls()) {
            env.put("SWITCHBOARD_SERVICES_" + target.replace("-service", "").toUpperCase(Locale.ROOT), urlOf.apply(target));
        }
        if (service.uses().contains("keycloak-admin")) {
            env.put("SWITCHBOARD_KEYCLOAK_SERVER_URL", servers.keycloakUrl());
            env.put("SWITCHBOARD_KEYCLOAK_CLIENT_SECRET", servers.identityClientSecret());
            env.put("SWITCHBOARD_INVITATIONS_PUBLIC_URL", servers.publicUrl());
            env.put("SWITCHBOARD_ACCOUNTS_PUBLIC_URL", servers.publicUrl());
        }
        if (service.uses().contains("smtp")) {
            env.put("SPRING_MAIL_HOST", servers.smtpHost());
            env.put("SPRING_MAIL_PORT", Integer.toString(servers.smtpPort()));
        }
        if ((service.uses().contains("web-push") || service.module().equals("notification-service"))
                && servers.pushKeyEncryptionKey() != null && !servers.pushKeyEncryptionKey().isBlank()) {
            env.put("SWITCHBOARD_PUSH_KEY_ENCRYPTION_KEY", servers.pushKeyEncryptionKey());
        }
        return env;
    }

    private static int port(Properties p, String name) {
        return Integer.parseInt(required(p, name + ".port"));
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("topology.properties has no " + key);
        }
        return value.trim();
    }

    private static List<String> list(Properties p, String key) {
        String value = p.getProperty(key, "");
        return value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
    }
}
