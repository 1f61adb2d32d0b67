package io.switchboard.portal.config;

import io.switchboard.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics portal-service owns. Portals, portal memberships and availability are kept forever:
 * routing-service and notification-service rebuild their projections from them at start. Audit records age
 * out after the broker's default retention (org-service's audit log keeps them).
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

    @Bean
    NewTopic portalPortals() {
        return TopicBuilder.name(Topics.PORTAL_PORTALS).partitions(3).config("retention.ms", "-1").build();
    }

    @Bean
    NewTopic portalAvailability() {
        return TopicBuilder.name(Topics.PORTAL_AVAILABILITY).partitions(3).config("retention.ms", "-1").build();
    }

    /**
     * routing-service's assignments, which the dashboards' read model consumes, declared exactly as routing-service
     * declares them (3 partitions, kept forever: the read model rebuilds from them) so that the listener finds the
     * topic whichever service starts first.
     */
    @Bean
    NewTopic routingAssignments() {
        return TopicBuilder.name(Topics.ROUTING_ASSIGNMENTS).partitions(3).config("retention.ms", "-1").build();
    }

    @Bean
    NewTopic portalAudit() {
        return TopicBuilder.name(Topics.PORTAL_AUDIT).partitions(3).build();
    }
}
