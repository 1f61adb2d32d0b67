package io.switchboard.org.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfig {

    /** One clock for expiry and fresh-authentication checks, so tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
