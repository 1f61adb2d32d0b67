package io.switchboard.gateway.app;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * The app's files from the dashboard jar ({@code classpath:/static/}). Files under {@code /assets/} have a
 * content hash in their names, so browsers keep them for a year; everything else (index.html, sw.js, the
 * manifest) is revalidated on every load so a new release is seen at once.
 */
@Configuration(proxyBeanMethods = false)
class AppResources implements WebFluxConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/**")
                .addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.noCache());
    }
}
