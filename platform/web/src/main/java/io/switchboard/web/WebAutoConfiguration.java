package io.switchboard.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

/**
 * Every service and the gateway are resource servers of the switchboard realm: each request needs a
 * valid JWT (signature via JWKS, issuer, expiry, audience from Boot's jwt properties) unless its path is
 * listed in {@code switchboard.security.public-paths}; refusals are problem+json. Health, info and the Prometheus
 * scrape ({@code /actuator/prometheus}) need no token; see {@link SwitchboardSecurityProperties#metricsScrapers}.
 */
// Before WebFlux's auto-configuration so that its own problem-details handler backs off in favour of ProblemHandler.
@AutoConfiguration(before = {WebFluxAutoConfiguration.class, ErrorWebFluxAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class,
        ReactiveWebSecurityAutoConfiguration.class, ReactiveManagementWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(SwitchboardSecurityProperties.class)
@Import(ProblemHandler.class)
public class WebAutoConfiguration {

    /** Instead of Boot's error handler, which logs the request path (invitation tokens) on a 500. */
    @Bean
    @ConditionalOnMissingBean(ErrorWebExceptionHandler.class)
    RedactingErrorWebExceptionHandler redactingErrorWebExceptionHandler() {
        return new RedactingErrorWebExceptionHandler();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain switchboardSecurity(ServerHttpSecurity http, SwitchboardSecurityProperties properties) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
                    switch (properties.metricsScrapers()) {
                        case THIS_HOST -> exchanges.pathMatchers("/actuator/prometheus").access(ScrapeAccess::fromThisHost);
                        case UNFORWARDED -> exchanges.pathMatchers("/actuator/prometheus").access(ScrapeAccess::unforwarded);
                        case ANY -> exchanges.pathMatchers("/actuator/prometheus").permitAll();
                    }
                    for (String path : properties.publicPaths()) {
                        String[] parts = path.trim().split("\\s+");
                        if (parts.length == 2) {
                            exchanges.pathMatchers(HttpMethod.valueOf(parts[0]), parts[1]).permitAll();
                        } else {
                            exchanges.pathMatchers(parts[0]).permitAll();
                        }
                    }
                    exchanges.anyExchange().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .build();
    }
}
