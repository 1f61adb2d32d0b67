package io.switchboard.identity.config;

import io.switchboard.identity.invitation.InvitationProperties;
import io.switchboard.identity.keycloak.KeycloakProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KeycloakProperties.class, InvitationProperties.class})
class IdentityConfig {

    /** One clock for invitation expiry, so tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
