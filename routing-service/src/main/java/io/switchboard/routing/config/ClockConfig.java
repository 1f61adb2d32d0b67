package io.switchboard.routing.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfig {

    /** One clock for the times of changes (availability, audit), so tests can reason about them. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
