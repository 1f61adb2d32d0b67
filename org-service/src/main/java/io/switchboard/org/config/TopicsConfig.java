package io.switchboard.org.config;

import io.switchboard.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics org-service owns, and those it consumes that a deployment may not have yet. Membership history is
 * kept forever: projections rebuild from it at start.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

    @Bean
    NewTopic orgMemberships() {
        return TopicBuilder.name(Topics.ORG_MEMBERSHIPS).partitions(3).config("retention.ms", "-1").build();
    }

    /**
     * The current state of every membership and custom role, compacted (deploy/kafka/topics.txt has the same
     * settings): what the membership projections load at start.
     */
    @Bean
    NewTopic orgMembershipState() {
        return TopicBuilder.name(Topics.ORG_MEMBERSHIP_STATE).partitions(3).compact()
                .config("segment.ms", "3600000")
                .config("min.cleanable.dirty.ratio", "0.1")
                .config("delete.retention.ms", "86400000")
                .build();
    }

    @Bean
    NewTopic orgOrganizations() {
        return TopicBuilder.name(Topics.ORG_ORGANIZATIONS).partitions(3).build();
    }

    /**
     * Written by the billing integration, read by org-service only; declared here so the listener has a topic
     * before billing's first record (where ACLs hold, org-service's principal needs Create on it, or ops create it).
     */
    @Bean
    NewTopic billingSubscriptions() {
        return TopicBuilder.name(Topics.BILLING_SUBSCRIPTIONS).partitions(3).build();
    }

    /**
     * portal-service's topics org-service consumes (portal memberships, audit entries), declared exactly as
     * portal-service declares them (3 partitions; portal memberships kept forever, a projection rebuilds from
     * them) so that org-service's listeners find them whichever service starts first. Where they exist (the
     * deployment's topic script, or portal-service made them), nothing is created; where ACLs hold and they don't
     * exist yet, creating them needs Create.
     */
    @Bean
    NewTopic portalPortals() {
        return TopicBuilder.name(Topics.PORTAL_PORTALS).partitions(3).config("retention.ms", "-1").build();
    }

    @Bean
    NewTopic portalAudit() {
        return TopicBuilder.name(Topics.PORTAL_AUDIT).partitions(3).build();
    }

    /** routing-service's audit entries, declared as routing-service declares them, for the same reason. */
    @Bean
    NewTopic routingAudit() {
        return TopicBuilder.name(Topics.ROUTING_AUDIT).partitions(3).build();
    }
}
