package io.switchboard.identity.config;

import io.switchboard.events.Topics;
import io.switchboard.identity.account.AccountProperties;
import io.switchboard.identity.invitation.InvitationProperties;
import io.switchboard.identity.keycloak.KeycloakProperties;
import io.switchboard.identity.limits.MailLimitProperties;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
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

    /**
     * identity-service owns identity.sessions.v1 (sessions ended by signing out, keyed by userId; the sid only hashed).
     * Its records matter only while the session's access tokens live (5 minutes): one day's retention, as deploy/kafka
     * gives it, applied here too where the topic already exists.
     */
    @Bean
    NewTopic identitySessionsTopic() {
        return TopicBuilder.name(Topics.IDENTITY_SESSIONS).partitions(3)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis())).build();
    }

    /**
     * The mail request topic is notification-service's, but identity-service puts invitation and confirmation
     * links on it: whichever service starts first creates it with the same short retention (notification-service
     * declares it alike), so a link never sits on the broker for the default week.
     */
    @Bean
    NewTopic emailRequestsTopic(@Value("${switchboard.mail-request-retention:1d}") Duration retention) {
        return TopicBuilder.name(Topics.NOTIFICATION_EMAIL_REQUESTS).partitions(3)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())).build();
    }
}
