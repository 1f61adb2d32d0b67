package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Keycloak's own Quarkus distribution from Maven Central, unpacked once into the cache and run in dev
 * mode as a child process listening on 127.0.0.1 only. Its H2 database sits in a data folder of ours, so
 * one unpacked copy serves the tests and the devstack side by side. The realm is created through the
 * admin API when it is missing; the test/dev-only {@code switchboard-cli} client is added to it.
 */
public final class KeycloakProcess implements KeycloakServer {

    public static final String VERSION = System.getProperty("switchboard.keycloak.version", "26.5.6");
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final String ADMIN = "admin";

    private final ChildProcess process;
    private final String baseUrl;
    private final String adminPassword;
    private final Path scratchFolder;

    private KeycloakProcess(ChildProcess process, String baseUrl, String adminPassword, Path scratchFolder) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.adminPassword = adminPassword;
        this.scratchFolder = scratchFolder;
    }

    /** For tests: a throw-away Keycloak with a random admin password and the realm file's client secrets. */
    public static KeycloakProcess start(int port, Path dataDir, String host) {
        return start(port, dataDir, host, randomPassword(), Map.of());
    }

    /**
     * @param port          0 for a free port
     * @param dataDir       kept between starts when not null (users made at run time survive); temporary otherwise
     * @param host          the host name in every token's issuer ({@code localhost} for people, {@code 127.0.0.1} in tests)
     * @param adminPassword the master realm admin's password; used when the database is new, later starts keep it
     * @param clientSecrets confidential clients' secrets to set at every start (client id to secret), so none
     *                      of the realm file's placeholder secrets stays in use
     */
    public static KeycloakProcess start(int port, Path dataDir, String host, String adminPassword, Map<String, String> clientSecrets) {
        try {
            Path home = distribution();
            int httpPort = port == 0 ? Ports.free() : port;
            Path dir = dataDir != null ? dataDir : Files.createTempDirectory("switchboard-keycloak");
            Files.createDirectories(dir);
            String baseUrl = "http://" + host + ":" + httpPort;
            List<String> kc = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", // the management interface follows it
                    "--http-port=" + httpPort,
                    "--hostname=" + baseUrl,
                    "--http-management-port=" + Ports.free(),
                    "--db-url=jdbc:h2:file:" + dir.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE",
                    "--log-level=WARN,org.keycloak.services:INFO,io.quarkus:INFO");
            ChildProcess child = ChildProcess.start("keycloak", endsWithParent(kc),
                    Map.of("JAVA_HOME", Jdk.home().toString(),
                            "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN,
                            "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
                            "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m",
                            // on Java 24 and later JBoss Threads needs it to reset a pool thread's thread locals; without it threads end in errors
                            "JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED"),
                    home, dir.resolve("keycloak.log"));
            KeycloakProcess server = new KeycloakProcess(child, baseUrl, adminPassword, dataDir == null ? dir : null);
            server.awaitReady();
            new RealmSetup(server).apply(clientSecrets);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The unpacked distribution; the first call downloads (165 MB) and unpacks it, later calls reuse it. */
    public static Path distribution() {
        Path zip = MavenArtifacts.resolve("org.keycloak", "keycloak-quarkus-dist", VERSION, "zip");
        return MavenArtifacts.unpackOnce(zip, "keycloak-" + VERSION);
    }

    /** kc.sh starts a JVM we can't wrap in ParentWatch, so a small shell loop ends it with our JVM. */
    private static List<String> endsWithParent(List<String> command) {
        String script = "parent=$1; shift; \"$@\" & child=$!; "
                + "while kill -0 \"$parent\" 2>/dev/null && kill -0 \"$child\" 2>/dev/null; do sleep 1; done; "
                + "kill \"$child\" 2>/dev/null; wait \"$child\"";
        var full = new java.util.ArrayList<>(List.of("/bin/sh", "-c", script, "keycloak-watch", Long.toString(ProcessHandle.current().pid())));
        full.addAll(command);
        return full;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited during startup:\n" + process.logTail(40));
            }
            try {
                if (Http.send(HttpRequest.newBuilder(URI.create(localUrl() + "/realms/master")).timeout(Duration.ofSeconds(2)).build()).statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // connection refused until Quarkus listens
            }
            sleep(300);
        }
        process.close();
        throw new IllegalStateException("Keycloak not ready after " + STARTUP + ":\n" + process.logTail(40));
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
    public String baseUrl() {
        return baseUrl;
    }

    /** Keycloak listens on 127.0.0.1 only, and "localhost" (the issuer host for people) may resolve to ::1 first. */
    public String localUrl() {
        return baseUrl.replace("://localhost:", "://127.0.0.1:");
    }

    @Override
    public String jwkSetUri() {
        return localUrl() + "/realms/" + REALM + "/protocol/openid-connect/certs";
    }

    @Override
    public String adminUsername() {
        return ADMIN;
    }

    @Override
    public String adminPassword() {
        return adminPassword;
    }

    @Override
    public void close() {
        process.close();
        if (scratchFolder != null) {
            ScratchFolder.clearKeepingLogs(scratchFolder);
        }
    }
}
