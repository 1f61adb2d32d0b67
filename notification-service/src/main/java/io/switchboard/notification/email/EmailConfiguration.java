package io.switchboard.notification.email;

import io.switchboard.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailDeliveryProperties.class)
class EmailConfiguration {

    /** notification-service owns its request topic; keyed by orgId like every topic. */
    @Bean
    NewTopic emailRequestsTopic() {
        return TopicBuilder.name(Topics.NOTIFICATION_EMAIL_REQUESTS).partitions(3).build();
    }
}
