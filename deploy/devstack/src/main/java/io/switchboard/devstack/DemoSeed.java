package io.switchboard.devstack;

import io.switchboard.testing.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Demo data through the public API, as a newcomer would make it: alice creates "Acme" and carol "Globex"
 * (new orgs start on FREE_TRIAL), then the operator ops@switchboard.test upgrades both to GROWTH with
 * {@code PUT /api/operator/orgs/{orgId}/plan}, so inviting a team can be tried at once. Idempotent: an org of
 * that name the person already belongs to is reused, and the plan change is a PUT.
 */
final class DemoSeed {

    static final String OPERATOR = "ops@switchboard.test";
    static final String OPERATOR_PASSWORD = "ops-demo-pass";
    static final String DEMO_PLAN = "GROWTH";

    record DemoOrg(String owner, String password, String name) {
    }

    static final List<DemoOrg> ORGS = List.of(
            new DemoOrg("alice@acme.test", "alice-demo-pass", "Acme"),
            new DemoOrg("carol@globex.test", "carol-demo-pass", "Globex"));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Console console;
    private final String tokenUrl;
    private final String gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param keycloakUrl where Keycloak listens; @param gatewayUrl where the gateway listens */
    DemoSeed(Console console, String keycloakUrl, String gatewayUrl) {
        this.console = console;
        this.tokenUrl = keycloakUrl + "/realms/" + KeycloakServer.REALM + "/protocol/openid-connect/token";
        this.gateway = gatewayUrl;
    }

    void run() {
        try {
            String operator = token(OPERATOR, OPERATOR_PASSWORD);
            for (DemoOrg demo : ORGS) {
                UUID org = findOrCreate(demo);
                upgrade(org, demo, operator);
            }
        } catch (RuntimeException e) {
            console.say("demo seed ... FAILED: " + Console.firstLine(e.getMessage()) + " (the stack runs; the demo orgs may be missing or on FREE_TRIAL)");
        }
    }

    private UUID findOrCreate(DemoOrg demo) {
        String owner = token(demo.owner(), demo.password());
        HttpResponse<String> mine = send("GET", "/api/me/orgs", owner, null);
        for (JsonNode org : JSON.readTree(expect(mine, 200, "GET /api/me/orgs as " + demo.owner()))) {
            if (demo.name().equals(org.path("name").asString()) && "OWNER".equals(org.path("role").asString())) {
                return UUID.fromString(org.get("orgId").asString());
            }
        }
        HttpResponse<String> created = send("POST", "/api/orgs", owner, Map.of("name", demo.name()));
        UUID id = UUID.fromString(JSON.readTree(expect(created, 201, "POST /api/orgs as " + demo.owner())).get("id").asString());
        console.say("demo seed ... " + demo.owner() + " created \"" + demo.name() + "\" (" + id + ")");
        return id;
    }

    private void upgrade(UUID org, DemoOrg demo, String operator) {
        HttpResponse<String> changed = send("PUT", "/api/operator/orgs/" + org + "/plan", operator, Map.of("plan", DEMO_PLAN));
        if (changed.statusCode() == 404 || changed.statusCode() == 405) {
            console.say("demo seed ... \"" + demo.name() + "\" stays on FREE_TRIAL: org-service answered " + changed.statusCode()
                    + " to PUT /api/operator/orgs/{orgId}/plan (not available in this build)");
            return;
        }
        expect(changed, 200, "PUT /api/operator/orgs/" + org + "/plan as " + OPERATOR);
        console.say("demo seed ... \"" + demo.name() + "\" (" + demo.owner() + ") is on " + DEMO_PLAN);
    }

    private String token(String username, String password) {
        String form = Map.of("grant_type", "password", "client_id", KeycloakServer.CLI_CLIENT, "username", username, "password", password)
                .entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        return JSON.readTree(expect(response, 200, "signing in " + username)).get("access_token").asString();
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request.build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
