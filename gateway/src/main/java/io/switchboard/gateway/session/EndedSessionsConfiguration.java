package io.switchboard.gateway.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.membership.ReaderMetrics;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.server.WebFilter;

/** The ended sessions, their consumer, the filter that refuses their tokens, and readiness until the consumer caught up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EndedSessionsProperties.class)
class EndedSessionsConfiguration {

    @Bean
    EndedSessions endedSessions(EndedSessionsProperties properties) {
        return new EndedSessions(properties.keep(), Clock.systemUTC());
    }

    @Bean
    EndedSessionsUpdater endedSessionsUpdater(EndedSessions sessions, Environment environment,
                                              @Value("${spring.kafka.bootstrap-servers:127.0.0.1:9092}") String bootstrapServers,
                                              ObjectProvider<MeterRegistry> registry) {
        // the app's own client settings (security.protocol, sasl.* for an authenticating broker) apply to this consumer too
        Map<String, String> clientProperties = Binder.get(environment)
                .bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        MeterRegistry meters = registry.getIfAvailable();
        return new EndedSessionsUpdater(sessions, bootstrapServers, clientProperties, Clock.systemUTC(),
                meters != null ? ReaderMetrics.to(meters) : ReaderMetrics.none());
    }

    @Bean
    WebFilter endedSessionFilter(EndedSessions sessions) {
        return new EndedSessionFilter(sessions);
    }

    /** Not ready to judge tokens until the sessions ended within {@code keep} have been read. */
    @Bean
    HealthIndicator endedSessionsHealthIndicator(EndedSessionsUpdater updater, EndedSessions sessions) {
        return () -> updater.isCaughtUp()
                ? Health.up().withDetail("endedSessions", sessions.size()).withDetail("readAtStart", updater.readAtStart()).build()
                : Health.outOfService().withDetail("reason", "reading identity.sessions.v1").build();
    }
}
