package io.switchboard.portal.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code switchboard.dashboard.*}.
 *
 * @param consumerGroup the Kafka consumer group that reads routing.assignments.v1 into the dashboards' read model,
 *                      and the name of its inbox rows. Starting with another value rebuilds the read model: it is
 *                      emptied once, and the new group reads the topic from its start.
 */
@ConfigurationProperties("switchboard.dashboard")
public record DashboardProperties(String consumerGroup) {

    public static final String DEFAULT_CONSUMER_GROUP = "portal-service.dashboard";

    public DashboardProperties {
        if (consumerGroup == null || consumerGroup.isBlank()) {
            consumerGroup = DEFAULT_CONSUMER_GROUP;
        }
    }
}
