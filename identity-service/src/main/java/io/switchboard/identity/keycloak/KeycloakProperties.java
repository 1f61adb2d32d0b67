package io.switchboard.identity.keycloak;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** identity-service's confidential client of the switchboard realm (service account with manage-users). */
@ConfigurationProperties("switchboard.keycloak")
public record KeycloakProperties(String serverUrl, String realm, String clientId, String clientSecret) {

    @Override
    public String toString() {
        return "KeycloakProperties[serverUrl=" + serverUrl + ", realm=" + realm + ", clientId=" + clientId + ", clientSecret=***]";
    }
}
