package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real Keycloak with the {@code switchboard} realm of deploy/keycloak imported. */
public interface KeycloakServer extends AutoCloseable {

    String REALM = "switchboard";
    String DASHBOARD_CLIENT = "dashboard";
    /**
     * A public client with direct password grants, added only where tests and the local stack run (never in the
     * deployable realm file, whose {@code dashboard} client signs people in through the browser only).
     */
    String CLI_CLIENT = "switchboard-cli";
    /** Where the browser sign-in of {@link #signInThroughLoginPage} is sent back to; nothing listens there. */
    String CLI_REDIRECT_URI = "http://127.0.0.1:9/signed-in";
    String AUDIENCE = "switchboard-api";

    String baseUrl();

    default String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    default String jwkSetUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    /** Signs a user in with the test/dev client's direct grant and answers the raw token response. */
    default JsonNode signIn(String username, String password) {
        return Http.postForm(issuer() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password",
                "client_id", CLI_CLIENT,
                "scope", "openid",
                "username", username,
                "password", password));
    }

    default JsonNode refresh(String refreshToken) {
        return Http.postForm(issuer() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", CLI_CLIENT, "refresh_token", refreshToken));
    }

    /**
     * Signs a person in the way a browser does (authorization code with PKCE, through Keycloak's login form),
     * so the token carries {@code auth_time}: Keycloak sets it only for interactive sign-ins, not for direct
     * password grants. This is what a "fresh sign-in" is.
     */
    default JsonNode signInThroughLoginPage(String username, String password) {
        return LoginPage.signIn(this, username, password);
    }

    /** A service's own token (OAuth client credentials grant) for a confidential client. */
    default String clientCredentialsToken(String clientId, String secret) {
        return Http.postForm(issuer() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)).get("access_token").asString();
    }

    default String accessToken(String username, String password) {
        return signIn(username, password).get("access_token").asString();
    }

    /** A token of the master realm's bootstrap admin, for tests that set the realm up. */
    default String adminAccessToken() {
        return Http.postForm(baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password",
                "client_id", "admin-cli",
                "username", adminUsername(),
                "password", adminPassword())).get("access_token").asString();
    }

    /** Creates a verified user with a password in the switchboard realm; an existing one is left as it is. */
    default void createUser(String email, String password, String firstName, String lastName) {
        String body = Http.JSON.writeValueAsString(Map.of(
                "username", email, "email", email, "firstName", firstName, "lastName", lastName,
                "enabled", true, "emailVerified", true,
                "credentials", java.util.List.of(Map.of("type", "password", "value", password, "temporary", false))));
        HttpResponse<String> created = Http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM + "/users"))
                .header("Authorization", "Bearer " + adminAccessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("creating user " + email + " failed: " + created.statusCode() + " " + created.body());
        }
    }

    /** How many accounts of the switchboard realm have exactly this email. */
    default int usersWithEmail(String email) {
        HttpResponse<String> found = Http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM
                        + "/users?exact=true&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + adminAccessToken()).build());
        return Http.JSON.readTree(found.body()).size();
    }

    String adminUsername();

    String adminPassword();

    @Override
    void close();

    /** Small JSON-over-HTTP helper for Keycloak's endpoints. */
    final class Http {
        static final HttpClient CLIENT = HttpClient.newHttpClient();
        static final JsonMapper JSON = JsonMapper.builder().build();

        private Http() {
        }

        static JsonNode postForm(String url, Map<String, String> form) {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (response.statusCode() != 200) {
                // the body names the OAuth error; it carries no secret
                throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }

        static HttpResponse<String> send(HttpRequest request) {
            try {
                return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
