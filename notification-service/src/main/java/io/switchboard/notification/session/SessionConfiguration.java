package io.switchboard.notification.session;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/** Registers {@link EndedSessionFilter}. */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    @Bean
    WebFilter endedSessionFilter(EndedSessions endedSessions) {
        return new EndedSessionFilter(endedSessions);
    }
}
