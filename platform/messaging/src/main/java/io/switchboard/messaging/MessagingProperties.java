package io.switchboard.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param source          CloudEvents {@code source} of this service's events; defaults to {@code spring.application.name}, which
 *                        must be the service's name in {@link io.switchboard.events.Topics}' owner map (org-service, ...)
 * @param relayEnabled    whether this instance runs an outbox relay
 * @param relayPoll       how often the relay looks for rows even without a NOTIFY (a safety net)
 * @param relayBatchSize  rows published per relay transaction
 * @param consumerRetries attempts after the first failure before a record goes to its dead-letter topic
 * @param consumerBackoff pause between those attempts
 * @param sentRetention   how long published rows (their payload already cleared when sent) stay in the outbox before they are deleted
 * @param metricsRefresh  how often the outbox gauges (backlog, oldest unsent row's age) are read from the table
 */
@ConfigurationProperties("switchboard.messaging")
public record MessagingProperties(
        String source,
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("1s") Duration relayPoll,
        @DefaultValue("200") int relayBatchSize,
        @DefaultValue("3") int consumerRetries,
        @DefaultValue("500ms") Duration consumerBackoff,
        @DefaultValue("7d") Duration sentRetention,
        @DefaultValue("15s") Duration metricsRefresh) {
}
