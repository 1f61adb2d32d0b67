package io.switchboard.identity.config;

import io.switchboard.events.Topics;
import io.switchboard.identity.account.AccountProperties;
import io.switchboard.identity.invitation.InvitationProperties;
import io.switchboard.identity.keycloak.KeycloakProperties;
import io.switchboard.identity.limits.MailLimitProperties;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KeycloakProperties.class, InvitationProperties.class, AccountProperties.class, MailLimitProperties.class})
class IdentityConfig {

    /** One clock for expiry and limits, so tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** identity-service owns identity.invitations.v1 (accepted and revoked invitations; no tokens), keyed by orgId. */
    @Bean
    NewTopic identityInvitationsTopic() {
        return TopicBuilder.name(Topics.IDENTITY_INVITATIONS).partitions(3).build();
    }
}
