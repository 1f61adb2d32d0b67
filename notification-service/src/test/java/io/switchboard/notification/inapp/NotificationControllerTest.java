package io.switchboard.notification.inapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.WebAutoConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@WebFluxTest(NotificationController.class)
@ImportAutoConfiguration({WebAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(StubTokens.class)
class NotificationControllerTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID PORTAL = UUID.randomUUID();
    private static final UUID ID = UUID.randomUUID();
    private static final Notification ASSIGNED = new Notification(ID, 42, ORG, PORTAL, "CONVERSATION_ASSIGNED", "New conversation assigned",
            "SMS · Sales Portal · twilio:SM1", "/orgs/" + ORG + "/portals/" + PORTAL + "/conversations/x", "conversation:x", "high",
            Instant.parse("2026-12-04T05:00:00Z"), null, false);

    @Autowired WebTestClient web;
    @MockitoBean NotificationService notifications;

    private WebTestClient.RequestHeadersSpec<?> get(String uri) {
        return web.get().uri(uri).headers(h -> h.setBearerAuth(StubTokens.MEMBER));
    }

    @Test
    void list_isTheCallersPage_withItsFieldsAndTheNextCursor() {
        when(notifications.list(any(), eq(ORG), eq(PORTAL), eq(true), eq(50L), eq(1))).thenReturn(Mono.just(new Views.Page(List.of(ASSIGNED), 42L)));

        get("/api/me/notifications?orgId=" + ORG + "&portalId=" + PORTAL + "&unread=true&before=50&limit=1")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].id").isEqualTo(ID.toString())
                .jsonPath("$.items[0].seq").isEqualTo(42)
                .jsonPath("$.items[0].orgId").isEqualTo(ORG.toString())
                .jsonPath("$.items[0].portalId").isEqualTo(PORTAL.toString())
                .jsonPath("$.items[0].kind").isEqualTo("CONVERSATION_ASSIGNED")
                .jsonPath("$.items[0].title").isEqualTo("New conversation assigned")
                .jsonPath("$.items[0].body").isEqualTo("SMS · Sales Portal · twilio:SM1")
                .jsonPath("$.items[0].url").isEqualTo("/orgs/" + ORG + "/portals/" + PORTAL + "/conversations/x")
                .jsonPath("$.items[0].tag").isEqualTo("conversation:x")
                .jsonPath("$.items[0].urgency").isEqualTo("high")
                .jsonPath("$.items[0].createdAt").isEqualTo("2026-12-04T05:00:00Z")
                .jsonPath("$.items[0].readAt").isEmpty()
                .jsonPath("$.items[0].read").isEqualTo(false)
                .jsonPath("$.nextBefore").isEqualTo(42);

        ArgumentCaptor<Caller> caller = ArgumentCaptor.forClass(Caller.class);
        verify(notifications).list(caller.capture(), eq(ORG), eq(PORTAL), eq(true), eq(50L), eq(1));
        assertThat(caller.getValue().userId()).isEqualTo(StubTokens.USER);
        assertThat(caller.getValue().sessionId()).isEqualTo(StubTokens.SID);
    }

    @Test
    void list_withoutOrgId_orWithABadOne_is400NamingIt_withoutAsking() {
        get("/api/me/notifications").exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("orgId");
        get("/api/me/notifications?orgId=not-a-uuid").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("orgId");
        get("/api/me/notifications?orgId=" + ORG + "&before=x").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("before");
        verifyNoInteractions(notifications);
    }

    @Test
    void anOrgTheCallerIsNoMemberOf_is404() {
        when(notifications.unreadCount(any(), eq(ORG), isNull())).thenReturn(Mono.error(ProblemException.notFound("organization " + ORG)));

        get("/api/me/notifications/unread-count?orgId=" + ORG).exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://switchboard.dev/problems/not-found");
    }

    @Test
    void withoutAToken_is401() {
        web.get().uri("/api/me/notifications?orgId=" + ORG).exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/me/notifications/stream?orgId=" + ORG).exchange().expectStatus().isUnauthorized();
        verifyNoInteractions(notifications);
    }

    @Test
    void unreadCount_markRead_readAll() {
        when(notifications.unreadCount(any(), eq(ORG), eq(PORTAL))).thenReturn(Mono.just(new Views.UnreadCount(ORG, PORTAL, 3)));
        get("/api/me/notifications/unread-count?orgId=" + ORG + "&portalId=" + PORTAL).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.orgId").isEqualTo(ORG.toString())
                .jsonPath("$.portalId").isEqualTo(PORTAL.toString())
                .jsonPath("$.unread").isEqualTo(3);

        Notification read = new Notification(ID, 42, ORG, PORTAL, "CONVERSATION_ASSIGNED", "t", "b", "/", "tag", "high", ASSIGNED.createdAt(),
                Instant.parse("2026-12-04T05:01:00Z"), true);
        when(notifications.markRead(any(), eq(ID))).thenReturn(Mono.just(read));
        web.post().uri("/api/me/notifications/" + ID + "/read").headers(h -> h.setBearerAuth(StubTokens.MEMBER)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.read").isEqualTo(true)
                .jsonPath("$.readAt").isEqualTo("2026-12-04T05:01:00Z");

        UUID someoneElses = UUID.randomUUID();
        when(notifications.markRead(any(), eq(someoneElses))).thenReturn(Mono.error(ProblemException.notFound("notification " + someoneElses)));
        web.post().uri("/api/me/notifications/" + someoneElses + "/read").headers(h -> h.setBearerAuth(StubTokens.MEMBER)).exchange()
                .expectStatus().isNotFound();

        when(notifications.markAllRead(any(), eq(ORG), isNull())).thenReturn(Mono.just(new Views.MarkedRead(ORG, null, 7)));
        web.post().uri("/api/me/notifications/read-all?orgId=" + ORG).headers(h -> h.setBearerAuth(StubTokens.MEMBER)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.orgId").isEqualTo(ORG.toString())
                .jsonPath("$.portalId").isEmpty()
                .jsonPath("$.marked").isEqualTo(7);
    }

    @Test
    void preferences_getAndPut() {
        when(notifications.preferences(any(), eq(ORG), eq(PORTAL)))
                .thenReturn(Mono.just(new Views.Preferences(ORG, PORTAL, true, true, Preference.Source.DEFAULT)));
        get("/api/me/notification-preferences?orgId=" + ORG + "&portalId=" + PORTAL).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.push").isEqualTo(true)
                .jsonPath("$.inApp").isEqualTo(true)
                .jsonPath("$.source").isEqualTo("DEFAULT");

        when(notifications.setPreferences(any(), eq(ORG), eq(PORTAL), eq(new Views.PreferencesRequest(false, true))))
                .thenReturn(Mono.just(new Views.Preferences(ORG, PORTAL, false, true, Preference.Source.PORTAL)));
        web.put().uri("/api/me/notification-preferences?orgId=" + ORG + "&portalId=" + PORTAL).headers(h -> h.setBearerAuth(StubTokens.MEMBER))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"push\":false,\"inApp\":true}")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.push").isEqualTo(false)
                .jsonPath("$.inApp").isEqualTo(true)
                .jsonPath("$.source").isEqualTo("PORTAL");
    }

    @Test
    void preferences_aNonBooleanField_is400NamingIt() {
        web.put().uri("/api/me/notification-preferences?orgId=" + ORG).headers(h -> h.setBearerAuth(StubTokens.MEMBER))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"push\":\"maybe\",\"inApp\":true}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("push");
        verifyNoInteractions(notifications);
    }

    @Test
    void stream_isTextEventStream_withNamedEventsAndIds_andPassesLastEventId() {
        ServerSentEvent<Object> created = ServerSentEvent.<Object>builder(ASSIGNED).event("notification").id("42").build();
        ServerSentEvent<Object> count = ServerSentEvent.<Object>builder(new Views.UnreadCount(ORG, null, 1)).event("unread-count").build();
        when(notifications.stream(any(), eq(ORG), isNull(), eq(41L), any())).thenReturn(Mono.just(Flux.just(created, count)));

        Flux<String> body = get("/api/me/notifications/stream?orgId=" + ORG).header("Last-Event-ID", "41")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(String.class).getResponseBody();
        String text = String.join("\n", body.collectList().block(Duration.ofSeconds(10)));
        assertThat(text).contains("New conversation assigned").contains("\"unread\":1");
    }

    @Test
    void stream_withABadLastEventId_is400NamingIt() {
        get("/api/me/notifications/stream?orgId=" + ORG).header("Last-Event-ID", "forty-two").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isBadRequest();
        get("/api/me/notifications/stream?orgId=" + ORG).header("Last-Event-ID", "forty-two").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Last-Event-ID");
        verifyNoInteractions(notifications);
    }
}
