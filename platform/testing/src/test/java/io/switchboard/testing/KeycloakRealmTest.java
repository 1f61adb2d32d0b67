package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The realm as deployed (deploy/keycloak/switchboard-realm.json) plus the test-only direct-grant client. */
class KeycloakRealmTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void dashboardClient_refusesPasswordGrants_soTokensComeFromTheBrowserFlow() {
        KeycloakServer keycloak = RealServers.keycloak();
        assertThatThrownBy(() -> KeycloakServer.Http.postForm(keycloak.issuer() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", KeycloakServer.DASHBOARD_CLIENT,
                "username", "alice@acme.test", "password", "alice-demo-pass")))
                .hasMessageContaining("unauthorized_client");
    }

    @Test
    void passwordGrantTokens_carryNoAuthTime_soTheyCanNeverCountAsAFreshSignIn() {
        JsonNode claims = claims(RealServers.keycloak().accessToken("alice@acme.test", "alice-demo-pass"));
        assertThat(claims.has("auth_time")).isFalse();
    }

    @Test
    void loginPageSignIn_carriesAuthTime_andNoServiceRoles() {
        JsonNode claims = claims(RealServers.keycloak().signInThroughLoginPage("alice@acme.test", "alice-demo-pass").get("access_token").asString());
        assertThat(claims.path("auth_time").isNumber()).as("auth_time in %s", claims).isTrue();
        assertThat(claims.path("email").asString()).isEqualTo("alice@acme.test");
        assertThat(claims.path("realm_access").path("roles").toString()).doesNotContain("seat-reserver").doesNotContain("operator");
    }

    @Test
    void operatorAccount_carriesTheOperatorRealmRole() {
        JsonNode claims = claims(RealServers.keycloak().accessToken("ops@switchboard.test", "ops-demo-pass"));
        assertThat(claims.path("realm_access").path("roles").toString()).contains("\"operator\"");
    }

    @Test
    void identityServiceClientCredentials_carryTheSeatReserverRole_andTheApiAudience() {
        JsonNode claims = claims(RealServers.keycloak().clientCredentialsToken("identity-service", "identity-service-dev-secret"));
        assertThat(claims.path("realm_access").path("roles").toString()).contains("\"seat-reserver\"");
        assertThat(claims.path("aud").toString()).contains(KeycloakServer.AUDIENCE);
        assertThat(claims.path("azp").asString()).isEqualTo("identity-service");
    }

    private static JsonNode claims(String token) {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
