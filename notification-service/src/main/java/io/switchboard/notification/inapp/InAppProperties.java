package io.switchboard.notification.inapp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.notifications.*}.
 *
 * @param heartbeat   how often an open live stream sends a comment line, so proxies keep it open
 * @param safetyPoll  how often every live stream looks for new notifications without being woken (a safety net
 *                    behind LISTEN/NOTIFY, never the mechanism)
 * @param pageSize    how many notifications a list page holds when {@code limit} is not given
 * @param maxPageSize the largest {@code limit} a list request may ask for
 */
@ConfigurationProperties("switchboard.notifications")
public record InAppProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("30s") Duration safetyPoll,
                              @DefaultValue("20") int pageSize, @DefaultValue("100") int maxPageSize) {

    public InAppProperties {
        if (heartbeat.isNegative() || heartbeat.isZero() || safetyPoll.isNegative() || safetyPoll.isZero()) {
            throw new IllegalArgumentException("switchboard.notifications: heartbeat and safety-poll must be positive");
        }
        if (pageSize < 1 || maxPageSize < pageSize) {
            throw new IllegalArgumentException("switchboard.notifications: page-size must be at least 1 and max-page-size at least page-size");
        }
    }
}
