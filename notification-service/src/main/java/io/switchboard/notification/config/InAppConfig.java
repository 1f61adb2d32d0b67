package io.switchboard.notification.config;

import io.switchboard.notification.inapp.InAppProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The in-app notifications' settings ({@code switchboard.notifications.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InAppProperties.class)
class InAppConfig {
}
