package io.switchboard.notification.inapp;

import io.switchboard.web.Caller;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The caller's own notifications: the bell's list and count, marking read, the live stream, preferences. */
@RestController
class NotificationController {

    private final NotificationService notifications;

    NotificationController(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/me/notifications")
    Mono<Views.Page> list(@RequestParam UUID orgId, @RequestParam(required = false) UUID portalId,
                          @RequestParam(required = false) Boolean unread, @RequestParam(required = false) Long before,
                          @RequestParam(required = false) Integer limit, @AuthenticationPrincipal Jwt token) {
        return notifications.list(Caller.from(token), orgId, portalId, Boolean.TRUE.equals(unread), before, limit);
    }

    @GetMapping("/api/me/notifications/unread-count")
    Mono<Views.UnreadCount> unreadCount(@RequestParam UUID orgId, @RequestParam(required = false) UUID portalId,
                                        @AuthenticationPrincipal Jwt token) {
        return notifications.unreadCount(Caller.from(token), orgId, portalId);
    }

    @PostMapping("/api/me/notifications/{id}/read")
    Mono<Notification> markRead(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return notifications.markRead(Caller.from(token), id);
    }

    @PostMapping("/api/me/notifications/read-all")
    Mono<Views.MarkedRead> markAllRead(@RequestParam UUID orgId, @RequestParam(required = false) UUID portalId,
                                       @AuthenticationPrincipal Jwt token) {
        return notifications.markAllRead(Caller.from(token), orgId, portalId);
    }

    /**
     * Server-sent events: {@code notification} (data: the notification, id: its seq) and {@code unread-count}
     * (data: {orgId, portalId, unread}); a reconnect with {@code Last-Event-ID} first gets what it missed. The
     * stream ends when the token that opened it expires.
     */
    // no "produces": a refusal (400, 404) must still be answered as problem+json
    @GetMapping("/api/me/notifications/stream")
    Mono<ResponseEntity<Flux<ServerSentEvent<Object>>>> stream(@RequestParam UUID orgId, @RequestParam(required = false) UUID portalId,
                                                              @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                                              @AuthenticationPrincipal Jwt token) {
        Long after;
        try {
            after = lastEventId == null || lastEventId.isBlank() ? null : Long.valueOf(lastEventId.strip());
        } catch (NumberFormatException notASeq) {
            return Mono.error(NotificationService.invalid("Last-Event-ID", "must be the id of a notification event"));
        }
        return notifications.stream(Caller.from(token), orgId, portalId, after, token.getExpiresAt())
                .map(events -> ResponseEntity.ok()
                        .contentType(MediaType.TEXT_EVENT_STREAM)
                        .header("Cache-Control", "no-cache")
                        .header("X-Accel-Buffering", "no")
                        .body(events));
    }

    @GetMapping("/api/me/notification-preferences")
    Mono<Views.Preferences> preferences(@RequestParam UUID orgId, @RequestParam(required = false) UUID portalId,
                                        @AuthenticationPrincipal Jwt token) {
        return notifications.preferences(Caller.from(token), orgId, portalId);
    }

    @PutMapping("/api/me/notification-preferences")
    Mono<Views.Preferences> setPreferences(@RequestParam UUID orgId, @RequestParam(required = false) UUID portalId,
                                           @RequestBody Views.PreferencesRequest request, @AuthenticationPrincipal Jwt token) {
        return notifications.setPreferences(Caller.from(token), orgId, portalId, request);
    }
}
