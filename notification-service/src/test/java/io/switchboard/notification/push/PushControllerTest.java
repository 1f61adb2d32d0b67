package io.switchboard.notification.push;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchboard.events.Topics;
import io.switchboard.events.identity.SessionEnded;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.web.WebAutoConfiguration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@WebFluxTest(PushController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import({PushStubTokens.class, PushConfiguration.class, PushControllerTest.Members.class})
class PushControllerTest {

    static final UUID ORG = UUID.fromString("6f0e8a52-1111-4d2c-9a1b-0c1d2e3f4a5b");
    static final UUID OTHER_ORG = UUID.fromString("6f0e8a52-2222-4d2c-9a1b-0c1d2e3f4a5b");
    static final String PUBLIC_KEY = P256.generate().publicKeyBase64Url();

    @TestConfiguration(proxyBeanMethods = false)
    static class Members {
        @Bean
        MembershipProjection membershipProjection() {
            MembershipProjection projection = new MembershipProjection();
            projection.apply(Topics.membershipStateKey(ORG, PushStubTokens.USER), JsonMapper.builder().build().readTree("""
                    {"type": "org.membership.state", "source": "org-service", "subject": "%s",
                     "data": {"orgId": "%s", "userId": "%s", "role": "AGENT", "status": "ACTIVE"}}"""
                    .formatted(ORG, ORG, PushStubTokens.USER)), true);
            return projection;
        }
    }

    @Autowired WebTestClient web;
    @MockitoBean VapidKeys vapidKeys;
    @MockitoBean PushSubscriptions subscriptions;

    private void pushOn() {
        when(vapidKeys.publicKey()).thenReturn(Mono.just(Optional.of(PUBLIC_KEY)));
    }

    private void pushOff() {
        when(vapidKeys.publicKey()).thenReturn(Mono.just(Optional.empty()));
    }

    private static Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endpoint", "https://fcm.googleapis.com/fcm/send/dana-phone-123");
        body.put("keys", Map.of("p256dh", SubscribeRequestTest.P256DH, "auth", SubscribeRequestTest.AUTH));
        body.put("deviceId", "dana-phone");
        body.put("orgId", ORG.toString());
        return body;
    }

    private WebTestClient.ResponseSpec subscribe(Map<String, Object> body) {
        return web.post().uri("/api/me/push-subscriptions").header("Authorization", "Bearer " + PushStubTokens.MEMBER)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @Test
    void vapidPublicKey_needsNoToken_andIsTheBase64UrlPoint() {
        pushOn();
        web.get().uri("/api/push/vapid-public-key").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.publicKey").isEqualTo(PUBLIC_KEY);
    }

    @Test
    void vapidPublicKey_whenPushIsNotConfigured_is503ProblemSayingSo() {
        pushOff();
        web.get().uri("/api/push/vapid-public-key").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/push-not-configured")
                .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail).contains("not configured"));
    }

    @Test
    void subscribe_storesItForTheCallerOrgAndHashedSession_201() {
        pushOn();
        UUID id = UUID.randomUUID();
        when(subscriptions.subscribe(eq(PushStubTokens.USER), eq(ORG), eq(SessionEnded.hashOf(PushStubTokens.SID)), any()))
                .thenReturn(Mono.just(new PushSubscriptions.Stored(id, true, 0)));

        subscribe(body()).expectStatus().isCreated().expectBody()
                .jsonPath("$.id").isEqualTo(id.toString())
                .jsonPath("$.orgId").isEqualTo(ORG.toString())
                .jsonPath("$.deviceId").isEqualTo("dana-phone");
    }

    @Test
    void subscribeAgain_refreshesIt_200() {
        pushOn();
        when(subscriptions.subscribe(any(), any(), any(), any())).thenReturn(Mono.just(new PushSubscriptions.Stored(UUID.randomUUID(), false, 0)));

        subscribe(body()).expectStatus().isOk();
    }

    @Test
    void subscriptionWithoutKeys_is400NamingKeys() {
        pushOn();
        Map<String, Object> body = body();
        body.remove("keys");

        subscribe(body).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/validation")
                .jsonPath("$.errors[0].field").isEqualTo("keys");
        verify(subscriptions, never()).subscribe(any(), any(), any(), any());
    }

    @Test
    void nonHttpsEndpoint_is400NamingEndpoint() {
        pushOn();
        Map<String, Object> body = body();
        body.put("endpoint", "http://fcm.googleapis.com/fcm/send/x");

        subscribe(body).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("endpoint");
        verify(subscriptions, never()).subscribe(any(), any(), any(), any());
    }

    @Test
    void loopbackOrPrivateEndpoint_is400_outsideTests() {
        pushOn();
        for (String endpoint : new String[] {"https://127.0.0.1:8443/push/x", "https://10.0.0.1/push/x", "https://[::1]/push/x",
                "https://169.254.169.254/latest", "https://localhost/push"}) {
            Map<String, Object> body = body();
            body.put("endpoint", endpoint);
            subscribe(body).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("endpoint");
        }
        verify(subscriptions, never()).subscribe(any(), any(), any(), any());
    }

    @Test
    void fiveThousandCharacterFields_are400NamingEachOne_no5xx() {
        pushOn();
        String huge = "x".repeat(5000);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endpoint", "https://fcm.googleapis.com/" + huge);
        body.put("keys", Map.of("p256dh", huge, "auth", huge));
        body.put("deviceId", huge);
        body.put("orgId", ORG.toString());

        subscribe(body).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("endpoint")
                .jsonPath("$.errors[1].field").isEqualTo("keys.p256dh")
                .jsonPath("$.errors[2].field").isEqualTo("keys.auth")
                .jsonPath("$.errors[3].field").isEqualTo("deviceId");
    }

    @Test
    void orgIdThatIsNotAUuid_is400NamingOrgId() {
        pushOn();
        Map<String, Object> body = body();
        body.put("orgId", "acme");

        subscribe(body).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("orgId");
    }

    @Test
    void anOrgTheCallerIsNoMemberOf_is404() {
        pushOn();
        Map<String, Object> body = body();
        body.put("orgId", OTHER_ORG.toString());

        subscribe(body).expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        verify(subscriptions, never()).subscribe(any(), any(), any(), any());
    }

    @Test
    void subscribing_whenPushIsNotConfigured_is503() {
        pushOff();
        subscribe(body()).expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/push-not-configured");
        verify(subscriptions, never()).subscribe(any(), any(), any(), any());
    }

    @Test
    void subscribing_withoutAToken_is401_andWithoutASession_is400() {
        pushOn();
        web.post().uri("/api/me/push-subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue(body()).exchange()
                .expectStatus().isUnauthorized();
        web.post().uri("/api/me/push-subscriptions").header("Authorization", "Bearer " + PushStubTokens.NO_SESSION)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body()).exchange()
                .expectStatus().isBadRequest();
        verify(subscriptions, never()).subscribe(any(), any(), any(), any());
    }

    @Test
    void unsubscribe_deletesTheCallersDevice_204() {
        when(subscriptions.deleteDevice(PushStubTokens.USER, "dana-phone")).thenReturn(Mono.just(1L));

        web.delete().uri("/api/me/push-subscriptions/{deviceId}", "dana-phone").header("Authorization", "Bearer " + PushStubTokens.MEMBER)
                .exchange().expectStatus().isNoContent();
        verify(subscriptions).deleteDevice(PushStubTokens.USER, "dana-phone");
    }
}
