package io.switchboard.devstack;

import io.switchboard.testing.ChildProcess;
import io.switchboard.testing.Jdk;
import io.switchboard.testing.KeycloakProcess;
import io.switchboard.testing.KeycloakServer;
import io.switchboard.testing.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tests' Keycloak distribution, run for people: listening on 127.0.0.1 only ({@code --http-host}, which the
 * management interface follows), with the admin password and identity-service's client secret of
 * {@link DevSecrets} instead of well-known ones. The realm comes from deploy/keycloak plus the local-only
 * {@code switchboard-cli} direct-grant client, as in the tests.
 */
final class DevKeycloak implements KeycloakServer {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final String ADMIN = "admin";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ChildProcess process;
    private final String baseUrl;
    private final String adminPassword;

    private DevKeycloak(ChildProcess process, String baseUrl, String adminPassword) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.adminPassword = adminPassword;
    }

    static DevKeycloak start(int port, Path dataDir, DevSecrets secrets) {
        try {
            Files.createDirectories(dataDir);
            Path home = KeycloakProcess.distribution();
            String baseUrl = "http://localhost:" + port; // the issuer people's browsers and the services agree on
            List<String> kc = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    "--hostname=" + baseUrl,
                    "--http-management-port=" + Ports.free(),
                    "--db-url=jdbc:h2:file:" + dataDir.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE",
                    "--log-level=WARN,org.keycloak.services:INFO,io.quarkus:INFO");
            ChildProcess child = ChildProcess.start("keycloak", endsWithParent(kc),
                    Map.of("JAVA_HOME", Jdk.home().toString(),
                            // used only when the database is new; later starts keep the admin made then
                            "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN,
                            "KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.keycloakAdminPassword(),
                            "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m"),
                    home, dataDir.resolve("keycloak.log"));
            DevKeycloak keycloak = new DevKeycloak(child, baseUrl, secrets.keycloakAdminPassword());
            keycloak.awaitReady();
            keycloak.setUpRealm(secrets.identityClientSecret());
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kc.sh starts a JVM we can't wrap in ParentWatch, so a small shell loop ends it with our JVM. */
    private static List<String> endsWithParent(List<String> command) {
        String script = "parent=$1; shift; \"$@\" & child=$!; "
                + "while kill -0 \"$parent\" 2>/dev/null && kill -0 \"$child\" 2>/dev/null; do sleep 1; done; "
                + "kill \"$child\" 2>/dev/null; wait \"$child\"";
        List<String> full = new ArrayList<>(List.of("/bin/sh", "-c", script, "keycloak-watch", Long.toString(ProcessHandle.current().pid())));
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
                if (send(HttpRequest.newBuilder(URI.create(localUrl() + "/realms/master")).timeout(Duration.ofSeconds(2)).build()).statusCode() == 200) {
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

    /** Imports the realm when missing, adds the local-only CLI client, and sets identity-service's client secret. */
    private void setUpRealm(String identityClientSecret) {
        String admin;
        try {
            admin = adminAccessToken();
        } catch (RuntimeException refused) {
            throw new IllegalStateException("Keycloak refused the admin password of " + DevSecrets.ADMIN_PASSWORD_ENV
                    + " / .devstack/secrets.properties (its database was made with another one); start with --wipe for a fresh one");
        }
        if (send(get("/admin/realms/" + REALM, admin)).statusCode() != 200) {
            expect(send(post("/admin/realms", admin, KeycloakProcess.realmJson())), 201, "importing realm " + REALM);
        }
        if (clientId(admin, CLI_CLIENT) == null) {
            expect(send(post("/admin/realms/" + REALM + "/clients", admin, JSON.writeValueAsString(cliClient()))), 201, "adding client " + CLI_CLIENT);
        }
        String identity = clientId(admin, "identity-service");
        if (identity != null) {
            expect(send(HttpRequest.newBuilder(URI.create(localUrl() + "/admin/realms/" + REALM + "/clients/" + identity))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("clientId", "identity-service", "secret", identityClientSecret))))
                    .build()), 204, "setting identity-service's client secret");
        }
    }

    /** As platform/testing's KeycloakProcess adds it: a public direct-grant client for curl and tests, never deployed. */
    private static Map<String, Object> cliClient() {
        return Map.of(
                "clientId", CLI_CLIENT,
                "name", "Switchboard tests and local stack (direct grants; never deployed)",
                "enabled", true,
                "publicClient", true,
                "standardFlowEnabled", false,
                "directAccessGrantsEnabled", true,
                "protocolMappers", List.of(
                        Map.of("name", "switchboard-api audience", "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                                "config", Map.of("included.custom.audience", AUDIENCE, "access.token.claim", "true", "id.token.claim", "false")),
                        Map.of("name", "auth_time", "protocol", "openid-connect", "protocolMapper", "oidc-usersessionmodel-note-mapper",
                                "config", Map.of("user.session.note", "AUTH_TIME", "claim.name", "auth_time", "jsonType.label", "long",
                                        "access.token.claim", "true", "id.token.claim", "true"))));
    }

    private String clientId(String admin, String clientId) {
        HttpResponse<String> found = send(get("/admin/realms/" + REALM + "/clients?clientId=" + clientId, admin));
        JsonNode list = JSON.readTree(found.body());
        return found.statusCode() == 200 && list.size() > 0 ? list.get(0).get("id").asString() : null;
    }

    private HttpRequest get(String path, String admin) {
        return HttpRequest.newBuilder(URI.create(localUrl() + path)).header("Authorization", "Bearer " + admin).build();
    }

    private HttpRequest post(String path, String admin, String json) {
        return HttpRequest.newBuilder(URI.create(localUrl() + path)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status && response.statusCode() != 409) {
            throw new IllegalStateException(what + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Keycloak listens on 127.0.0.1 only; "localhost" might resolve to ::1 first. */
    String localUrl() {
        return baseUrl.replace("localhost", "127.0.0.1");
    }

    long pid() {
        return process.pid();
    }

    @Override
    public String baseUrl() {
        return baseUrl;
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
    }
}
