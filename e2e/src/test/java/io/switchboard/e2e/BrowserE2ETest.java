package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.testing.KeycloakServer;
import io.switchboard.testing.PostgresServer;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.push.PushDevice;
import io.switchboard.testing.push.TestPushService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 12's browser suite (dashboard/browser-tests, Node + playwright-core driving Debian's Chromium headless)
 * against the shared stack: sign-in on the real Keycloak page, a new company, an invitation opened from the dev
 * mail view and accepted by a new person, availability, a conversation arriving live, a push shown by the service
 * worker, sign-out removing the device's subscription; axe-core on every screen, installability, screenshots into
 * docs/screenshots and the workspace's compressed JavaScript (target/browser/js-size.json).
 *
 * <p>This class finds (or installs) Chromium with dashboard/scripts/find-chromium.sh, plays the browser vendor's
 * push service with {@link TestPushService} (the suite's browser hands the app that service's subscription) and
 * serves the suite a small harness: what the push service received and decrypted, and notification-service's
 * subscription rows for an endpoint.
 */
@UsesSharedStack
class BrowserE2ETest {

    static final Duration SUITE_LIMIT = Duration.ofMinutes(10);

    static Stack stack;
    static TestPushService push;
    static HttpServer harness;

    @BeforeAll
    static void start() {
        stack = Stack.shared();
        push = TestPushService.start();
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.stop(0);
        }
        if (push != null) {
            push.close();
        }
        if (stack != null) {
            stack.close(); // the shared stack stays up for the next class
        }
    }

    @Test
    void theBrowserSuitePasses() throws Exception {
        Path root = root();
        Path results = root.resolve("e2e/target/browser");
        PushDevice device = newDevice();
        Map<String, String> env = suiteEnvironment(root, device);

        int exit = run(root.resolve("dashboard"), List.of("node", "browser-tests/suite.mjs"), env, SUITE_LIMIT);
        assertThat(exit).as("the browser suite's exit code (its output above says which step failed and why; "
                + "screenshot in " + results + ")").isZero();

        // what the server holds, checked here too: the signed-out device has no subscription left, and the push came
        assertThat(subscriptionOrgs(device.endpoint())).as("subscription rows of the signed-out device").isEmpty();
        assertThat(device.received()).as("pushes the test push service decrypted for the device").isNotEmpty();
        assertThat(device.rejected()).as("pushes refused by the VAPID or encryption checks").isEmpty();
        assertThat(results.resolve("js-size.json")).exists();
    }

    static Path root() {
        return Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
    }

    /** A subscription of the test push service made with the server's VAPID key, as a browser makes one. */
    static PushDevice newDevice() {
        var key = stack.call("GET", "/api/push/vapid-public-key", null, null);
        assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
        return push.newSubscription(Stack.JSON.readTree(key.body()).get("publicKey").asString());
    }

    /** Chromium found (or installed), the harness started, the app's origin allowed by Keycloak: the suite's environment. */
    static Map<String, String> suiteEnvironment(Path root, PushDevice device) throws Exception {
        Path dashboard = root.resolve("dashboard");
        Path results = root.resolve("e2e/target/browser");
        Files.createDirectories(results);
        String chromium = findChromium(dashboard);
        assertThat(dashboard.resolve("node_modules/playwright-core")).as("dashboard/node_modules (npm ci in dashboard/, done by its Maven build)").exists();
        if (harness == null) {
            harness = startHarness();
        }
        // the gateway as the browser must see it: http://localhost (a secure context; Keycloak's dashboard client allows it)
        int gatewayPort = stack.call("GET", "/api/push/vapid-public-key", null, null).uri().getPort();
        String appUrl = "http://localhost:" + gatewayPort;
        allowWebOrigin(appUrl);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("APP_URL", appUrl);
        env.put("MAIL_URL", RealServers.smtp().webUrl());
        env.put("CHROMIUM_PATH", chromium);
        env.put("SCREENSHOTS_DIR", root.resolve("docs/screenshots").toString());
        env.put("RESULTS_DIR", results.toString());
        env.put("HARNESS_URL", "http://127.0.0.1:" + harness.getAddress().getPort());
        env.put("PUSH_ENDPOINT", device.endpoint());
        env.put("PUSH_P256DH", device.p256dh());
        env.put("PUSH_AUTH", device.auth());
        env.forEach((name, value) -> System.out.println("browser suite env " + name + "=" + (name.startsWith("PUSH_") && !name.equals("PUSH_ENDPOINT") ? "<set>" : value)));
        return env;
    }

    /**
     * Adds the app's origin to the web origins of the realm's {@code dashboard} client, as a deployment lists its own
     * origin: keycloak-js calls the token endpoint from the app's origin (CORS), and Keycloak's {@code +} does not
     * expand the {@code http://localhost:*} redirect URIs into origins (keycloak/keycloak#39880, #51776), while this
     * stack's gateway listens on a random port.
     */
    static void allowWebOrigin(String origin) {
        KeycloakServer keycloak = RealServers.keycloak();
        String admin = keycloak.adminAccessToken();
        String clients = keycloak.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/clients";
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(clients + "?clientId=dashboard"))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            ObjectNode client = (ObjectNode) Stack.JSON.readTree(found.body()).get(0);
            ArrayNode origins = client.has("webOrigins") ? (ArrayNode) client.get("webOrigins") : client.putArray("webOrigins");
            for (JsonNode existing : origins) {
                if (existing.asString().equals(origin)) {
                    return;
                }
            }
            origins.add(origin);
            HttpResponse<String> updated = http.send(HttpRequest.newBuilder(URI.create(clients + "/" + client.get("id").asString()))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(Stack.JSON.writeValueAsString(client))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(updated.statusCode()).as("adding web origin " + origin + ": " + updated.body()).isEqualTo(204);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** dashboard/scripts/find-chromium.sh: the path it prints (it installs Debian's chromium when it may). */
    static String findChromium(Path dashboard) throws Exception {
        Process process = new ProcessBuilder("sh", dashboard.resolve("scripts/find-chromium.sh").toString())
                .directory(dashboard.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("find-chromium.sh did not finish in 15 minutes");
        }
        assertThat(process.exitValue()).as("find-chromium.sh found or installed Chromium (its message is above)").isZero();
        String path = out.lines().reduce((first, second) -> second).orElse("");
        assertThat(Path.of(path)).as("the Chromium find-chromium.sh printed").isExecutable();
        return path;
    }

    /** Runs {@code command} in {@code dir}, its output streamed to this test's log; kills it and its children after {@code limit}. */
    static int run(Path dir, List<String> command, Map<String, String> env, Duration limit) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread pump = Thread.ofPlatform().name("browser-suite-output").daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    System.out.println("[browser] " + line);
                }
            } catch (IOException ended) {
                // the process went away
            }
        });
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                pump.join(5_000);
                throw new AssertionError("the browser suite took longer than " + limit + ": stopped it and its browsers");
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        pump.join(10_000);
        return process.exitValue();
    }

    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    // ------------------------------------------------------------------------------------------------ harness

    /**
     * What the suite asks of this side: {@code GET /pushes?endpoint=} (the pushes the test push service received and
     * decrypted for that endpoint), {@code GET /push-subscriptions?endpoint=} (notification-service's rows for it).
     */
    static HttpServer startHarness() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/pushes", exchange -> {
            try {
                List<Map<String, Object>> pushes = new ArrayList<>();
                for (var received : push.device(query(exchange).get("endpoint")).received()) {
                    pushes.add(Map.of("text", received.text(), "receivedAt", received.receivedAt().toString(),
                            "urgency", String.valueOf(received.urgency()), "ttl", received.ttl()));
                }
                respond(exchange, 200, Map.of("pushes", pushes));
            } catch (RuntimeException e) {
                respond(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
            }
        });
        server.createContext("/push-subscriptions", exchange -> {
            try {
                List<String> orgs = subscriptionOrgs(query(exchange).get("endpoint"));
                respond(exchange, 200, Map.of("count", orgs.size(), "orgIds", orgs));
            } catch (SQLException | RuntimeException e) {
                respond(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
            }
        });
        server.start();
        return server;
    }

    /** The orgs notification-service holds a push subscription of {@code endpoint} for. */
    static List<String> subscriptionOrgs(String endpoint) throws SQLException {
        PostgresServer postgres = RealServers.postgres();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(stack.database("notification-service")), postgres.username(), postgres.password());
             PreparedStatement select = db.prepareStatement("select org_id from push_subscriptions where endpoint = ?")) {
            select.setString(1, endpoint);
            List<String> orgs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    orgs.add(rows.getString(1));
                }
            }
            return orgs;
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] json = Stack.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
        exchange.close();
    }

}
