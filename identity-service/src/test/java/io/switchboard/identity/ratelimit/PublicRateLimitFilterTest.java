package io.switchboard.identity.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

class PublicRateLimitFilterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:10Z"), ZoneOffset.UTC);
    private final WebTestClient web = WebTestClient.bindToRouterFunction(RouterFunctions.route()
                    .GET("/api/invitations/{token}", request -> ServerResponse.ok().bodyValue("view"))
                    .GET("/api/orgs/x/members", request -> ServerResponse.ok().bodyValue("members"))
                    .build())
            .webFilter(new PublicRateLimitFilter(3, clock))
            .build();

    @Test
    void publicTokenEndpoint_answers429WithRetryAfter_pastTheLimit_perClient() {
        for (int i = 0; i < 3; i++) {
            web.get().uri("/api/invitations/abc").header("X-Forwarded-For", "203.0.113.7").exchange().expectStatus().isOk();
        }
        web.get().uri("/api/invitations/abc").header("X-Forwarded-For", "203.0.113.7").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals("Retry-After", "50")
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/rate-limited");
        web.get().uri("/api/invitations/abc").header("X-Forwarded-For", "198.51.100.2, 10.0.0.1").exchange().expectStatus().isOk();
    }

    @Test
    void otherPaths_areNotLimited() {
        for (int i = 0; i < 10; i++) {
            web.get().uri("/api/orgs/x/members").header("X-Forwarded-For", "203.0.113.8").exchange().expectStatus().isOk();
        }
    }
}
