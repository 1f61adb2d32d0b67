package io.switchboard.gateway.ratelimit;

import io.switchboard.gateway.ratelimit.RateLimitProperties.Key;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    @Bean
    RateLimits rateLimits(RateLimitProperties properties) {
        return new RateLimits(properties);
    }

    @Bean
    ClientAddresses clientAddresses(RateLimitProperties properties) {
        return new ClientAddresses(properties.trustedProxies());
    }

    @Bean
    WebFilter perClientAddressRateLimit(RateLimits limits, ClientAddresses clientAddresses) {
        return new RateLimitFilter(limits, Key.CLIENT_ADDRESS, clientAddresses);
    }

    @Bean
    WebFilter perCallerRateLimit(RateLimits limits, ClientAddresses clientAddresses) {
        return new RateLimitFilter(limits, Key.CALLER, clientAddresses);
    }
}
