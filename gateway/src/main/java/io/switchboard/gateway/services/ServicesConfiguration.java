package io.switchboard.gateway.services;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The services' instances for the {@code lb://} routes (see {@link ServiceAddresses}). */
@Configuration(proxyBeanMethods = false)
class ServicesConfiguration {

    @Bean
    ServiceAddresses serviceAddresses(Environment environment) {
        return new ServiceAddresses(Binder.get(environment).bind("switchboard.services", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()));
    }
}
