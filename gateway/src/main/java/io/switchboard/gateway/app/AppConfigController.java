package io.switchboard.gateway.app;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /app-config.json} (public): where the web app signs in. Taken from the issuer the gateway itself
 * trusts, so the app and the gateway can never disagree about which Keycloak realm issues tokens.
 */
@RestController
class AppConfigController {

    private final AppConfig config;

    AppConfigController(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
                        @Value("${switchboard.dashboard.client-id:dashboard}") String clientId) {
        this.config = AppConfig.fromIssuer(URI.create(issuer), clientId);
    }

    @GetMapping("/app-config.json")
    ResponseEntity<AppConfig> appConfig() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config);
    }

    record AppConfig(String keycloakUrl, String realm, String clientId) {

        /** {@code http://host:8180/realms/switchboard} → base {@code http://host:8180}, realm {@code switchboard}. */
        static AppConfig fromIssuer(URI issuer, String clientId) {
            String text = issuer.toString();
            int at = text.lastIndexOf("/realms/");
            if (at < 0) {
                throw new IllegalArgumentException("the issuer-uri is not a Keycloak realm URL (…/realms/<name>): " + issuer);
            }
            return new AppConfig(text.substring(0, at), text.substring(at + "/realms/".length()).replaceAll("/+$", ""), clientId);
        }

        String keycloakOrigin() {
            URI uri = URI.create(keycloakUrl);
            return uri.getScheme() + "://" + uri.getRawAuthority();
        }
    }

    AppConfig config() {
        return config;
    }
}
