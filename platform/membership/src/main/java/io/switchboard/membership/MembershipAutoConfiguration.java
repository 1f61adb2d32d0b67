package io.switchboard.membership;

import io.switchboard.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The projection and its updater, for any app that depends on this module. */
@AutoConfiguration
public class MembershipAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MembershipProjection membershipProjection() {
        return new MembershipProjection();
    }

    @Bean
    @ConditionalOnMissingBean
    MembershipProjectionUpdater membershipProjectionUpdater(MembershipProjection projection, Environment environment,
                                                            @Value("${spring.kafka.bootstrap-servers:127.0.0.1:9092}") String bootstrapServers,
                                                            ObjectProvider<MeterRegistry> registry) {
        // the app's own client settings (security.protocol, sasl.* for an authenticating broker) apply to this consumer too
        Map<String, String> clientProperties = Binder.get(environment)
                .bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        MeterRegistry meters = registry.getIfAvailable();
        return new MembershipProjectionUpdater(projection, bootstrapServers, clientProperties, Topics.ORG_MEMBERSHIP_STATE,
                meters != null ? ReaderMetrics.to(meters) : ReaderMetrics.none());
    }

    /** Not ready to judge access until the projection has read what the state topic held at start. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Readiness {
        @Bean
        HealthIndicator membershipProjectionHealthIndicator(MembershipProjectionUpdater updater, MembershipProjection projection) {
            return () -> updater.isCaughtUp()
                    ? Health.up().withDetail("memberships", projection.size()).build()
                    : Health.outOfService().withDetail("reason", "reading " + Topics.ORG_MEMBERSHIP_STATE).build();
        }
    }
}
