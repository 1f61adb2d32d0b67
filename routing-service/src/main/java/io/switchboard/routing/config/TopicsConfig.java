package io.switchboard.routing.config;

import io.switchboard.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics routing-service owns, and the inbound ones it reads first (declared here too so that a fresh
 * local stack has them before any channel integration writes). Assignments are kept forever: portal
 * dashboards rebuild their read model from them. Audit records age out after the broker's default retention
 * (org-service's audit log keeps them).
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

    @Bean
    NewTopic routingAssignments() {
        return TopicBuilder.name(Topics.ROUTING_ASSIGNMENTS).partitions(3).config("retention.ms", "-1").build();
    }

    @Bean
    NewTopic routingAudit() {
        return TopicBuilder.name(Topics.ROUTING_AUDIT).partitions(3).build();
    }

    @Bean
    NewTopic conversationsInbound() {
        return TopicBuilder.name(Topics.CONVERSATIONS_INBOUND).partitions(3).build();
    }

    @Bean
    NewTopic leadsInbound() {
        return TopicBuilder.name(Topics.LEADS_INBOUND).partitions(3).build();
    }
}
