package io.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

class OwnSecurityChainTest {

    private final ReactiveWebApplicationContextRunner context = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
                    ReactiveOAuth2ResourceServerAutoConfiguration.class))
            .withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/certs");

    @Test
    void withoutAChainOfItsOwn_anAppGetsTheSwitchboardChain() {
        context.run(app -> assertThat(app.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys("switchboardSecurity"));
    }

    @Test
    void anAppWithItsOwnChain_keepsOnlyThatOne() {
        context.withUserConfiguration(OwnChain.class)
                .run(app -> assertThat(app.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys("ownChain"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnChain {
        @Bean
        SecurityWebFilterChain ownChain(ServerHttpSecurity http) {
            return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll()).build();
        }
    }
}
