package io.switchboard.testing;

import static io.switchboard.testing.KeycloakServer.AUDIENCE;
import static io.switchboard.testing.KeycloakServer.CLI_CLIENT;
import static io.switchboard.testing.KeycloakServer.CLI_REDIRECT_URI;
import static io.switchboard.testing.KeycloakServer.REALM;

import io.switchboard.testing.KeycloakServer.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Makes a started Keycloak hold the switchboard realm as tests and the local stack need it: the realm file,
 * the test/dev-only {@code switchboard-cli} client, unmanaged user attributes kept, and given client secrets.
 */
final class RealmSetup {

    private final KeycloakProcess keycloak;

    RealmSetup(KeycloakProcess keycloak) {
        this.keycloak = keycloak;
    }

    void apply(Map<String, String> clientSecrets) {
        String admin;
        try {
            admin = keycloak.adminAccessToken();
        } catch (RuntimeException refused) {
            keycloak.close();
            throw new IllegalStateException("Keycloak refused the admin password: its database under the data folder was made with"
                    + " another one; give that one, or start from an empty data folder");
        }
        HttpResponse<String> existing = Http.send(HttpRequest.newBuilder(URI.create(keycloak.localUrl() + "/admin/realms/" + REALM))
                .header("Authorization", "Bearer " + admin).build());
        if (existing.statusCode() != 200) {
            importRealm(admin);
        }
        addCliClientIfMissing(admin);
        keepUnmanagedAttributes(admin);
        clientSecrets.forEach((clientId, secret) -> setClientSecret(admin, clientId, secret));
    }

    /**
     * Keycloak 26's declarative user profile drops attributes it doesn't declare, such as the phone an invitation
     * carries to the account; "admin can edit" keeps them. Set here because the realm file would otherwise have to
     * copy Keycloak's whole default profile; a deployment sets it once (docs/architecture.md).
     */
    private void keepUnmanagedAttributes(String admin) {
        URI profile = URI.create(keycloak.localUrl() + "/admin/realms/" + REALM + "/users/profile");
        HttpResponse<String> current = Http.send(HttpRequest.newBuilder(profile).header("Authorization", "Bearer " + admin).build());
        var config = (tools.jackson.databind.node.ObjectNode) Http.JSON.readTree(current.body());
        if ("ADMIN_EDIT".equals(config.path("unmanagedAttributePolicy").asString(""))) {
            return;
        }
        config.put("unmanagedAttributePolicy", "ADMIN_EDIT");
        HttpResponse<String> updated = Http.send(HttpRequest.newBuilder(profile).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(config))).build());
        if (updated.statusCode() != 200) {
            throw new IllegalStateException("letting the realm keep unmanaged attributes failed: " + updated.statusCode());
        }
    }

    private void setClientSecret(String admin, String clientId, String secret) {
        String id = internalClientId(admin, clientId);
        if (id == null) {
            throw new IllegalStateException("the realm has no client " + clientId);
        }
        HttpResponse<String> updated = Http.send(HttpRequest.newBuilder(URI.create(keycloak.localUrl() + "/admin/realms/" + REALM + "/clients/" + id))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(Map.of("clientId", clientId, "secret", secret)))).build());
        if (updated.statusCode() != 204) {
            throw new IllegalStateException("setting the secret of client " + clientId + " failed: " + updated.statusCode());
        }
    }

    private String internalClientId(String admin, String clientId) {
        HttpResponse<String> found = Http.send(HttpRequest.newBuilder(URI.create(keycloak.localUrl() + "/admin/realms/" + REALM + "/clients?clientId=" + clientId))
                .header("Authorization", "Bearer " + admin).build());
        var list = Http.JSON.readTree(found.body());
        return found.statusCode() == 200 && list.size() > 0 ? list.get(0).get("id").asString() : null;
    }

    private void importRealm(String admin) {
        HttpResponse<String> created = Http.send(HttpRequest.newBuilder(URI.create(keycloak.localUrl() + "/admin/realms"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(realmJson())).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("importing realm " + REALM + " failed: " + created.statusCode() + " " + created.body());
        }
    }

    /**
     * The direct-grant client that tests and the local stack's curl examples sign in with. It exists only in
     * the Keycloaks this module starts; the deployable realm's dashboard client has direct grants off.
     */
    private void addCliClientIfMissing(String admin) {
        if (internalClientId(admin, CLI_CLIENT) != null) {
            return;
        }
        String client = Http.JSON.writeValueAsString(Map.of(
                "clientId", CLI_CLIENT,
                "name", "Switchboard tests and local stack (direct grants; never deployed)",
                "enabled", true,
                "publicClient", true,
                "standardFlowEnabled", true,
                "redirectUris", List.of(CLI_REDIRECT_URI),
                "attributes", Map.of("pkce.code.challenge.method", "S256"),
                "directAccessGrantsEnabled", true,
                "protocolMappers", List.of(
                        Map.of("name", "switchboard-api audience",
                                "protocol", "openid-connect",
                                "protocolMapper", "oidc-audience-mapper",
                                "config", Map.of("included.custom.audience", AUDIENCE, "access.token.claim", "true", "id.token.claim", "false")),
                        // when the person signed in: the fresh-sign-in rule reads it from the access token
                        Map.of("name", "auth_time",
                                "protocol", "openid-connect",
                                "protocolMapper", "oidc-usersessionmodel-note-mapper",
                                "config", Map.of("user.session.note", "AUTH_TIME", "claim.name", "auth_time", "jsonType.label", "long",
                                        "access.token.claim", "true", "id.token.claim", "true")))));
        HttpResponse<String> created = Http.send(HttpRequest.newBuilder(URI.create(keycloak.localUrl() + "/admin/realms/" + REALM + "/clients"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client)).build());
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("adding client " + CLI_CLIENT + " failed: " + created.statusCode() + " " + created.body());
        }
    }

    /** deploy/keycloak/switchboard-realm.json, packaged onto the classpath by this module's build. */
    static String realmJson() {
        try (InputStream in = RealmSetup.class.getResourceAsStream("/keycloak/switchboard-realm.json")) {
            if (in == null) {
                throw new IllegalStateException("keycloak/switchboard-realm.json is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
