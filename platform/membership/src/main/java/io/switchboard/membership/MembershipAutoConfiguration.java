package io.switchboard.membership;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
    MembershipProjectionUpdater membershipProjectionUpdater(MembershipProjection projection,
                                                            @Value("${spring.kafka.bootstrap-servers:127.0.0.1:9092}") String bootstrapServers) {
        return new MembershipProjectionUpdater(projection, bootstrapServers);
    }

    /** Not ready to judge access until the projection has read the topic's history. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Readiness {
        @Bean
        HealthIndicator membershipProjectionHealthIndicator(MembershipProjectionUpdater updater, MembershipProjection projection) {
            return () -> updater.isCaughtUp()
                    ? Health.up().withDetail("memberships", projection.size()).build()
                    : Health.outOfService().withDetail("reason", "reading org.memberships.v1").build();
        }
    }
}
