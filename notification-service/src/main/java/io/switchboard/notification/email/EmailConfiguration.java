package io.switchboard.notification.email;

import io.switchboard.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailDeliveryProperties.class)
class EmailConfiguration {

    /**
     * notification-service owns its request topic; keyed by orgId like every topic. Requests carry invitation
     * and confirmation links, so the topic keeps them only briefly (the delivery log holds them until sent).
     */
    @Bean
    NewTopic emailRequestsTopic(MailDeliveryProperties properties) {
        return TopicBuilder.name(Topics.NOTIFICATION_EMAIL_REQUESTS).partitions(3)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.requestRetention().toMillis()))
                .build();
    }

    /** Its dead letters, declared here so that they get the same short retention instead of the broker default. */
    @Bean
    NewTopic emailRequestsDeadLetterTopic(MailDeliveryProperties properties) {
        return TopicBuilder.name(Topics.deadLetter(Topics.NOTIFICATION_EMAIL_REQUESTS)).partitions(3)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.requestRetention().toMillis()))
                .build();
    }
}
