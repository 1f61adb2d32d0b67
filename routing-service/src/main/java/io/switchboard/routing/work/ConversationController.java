package io.switchboard.routing.work;

import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Conversations: open, read, assign, unassign, close, notes; a portal's conversations; the queues. */
@RestController
class ConversationController {

    private final ConversationService conversations;
    private final QueueService queues;

    ConversationController(ConversationService conversations, QueueService queues) {
        this.conversations = conversations;
        this.queues = queues;
    }

    /** 201 for a new conversation, 200 when its externalId was already opened (nothing changes). */
    @PostMapping("/api/orgs/{orgId}/conversations")
    Mono<ResponseEntity<ConversationView>> open(@PathVariable UUID orgId, @Valid @RequestBody Requests.OpenConversation request,
                                                @AuthenticationPrincipal Jwt token) {
        return conversations.open(orgId, request, Caller.from(token))
                .map(opened -> ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK).body(opened.conversation()));
    }

    @GetMapping("/api/orgs/{orgId}/conversations/{id}")
    Mono<ConversationView> get(@PathVariable UUID orgId, @PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return conversations.get(orgId, id, Caller.from(token));
    }

    @PostMapping("/api/orgs/{orgId}/conversations/{id}/assign")
    Mono<ConversationView> assign(@PathVariable UUID orgId, @PathVariable UUID id, @Valid @RequestBody Requests.Assign request,
                                  @AuthenticationPrincipal Jwt token) {
        return conversations.assign(orgId, id, request, Caller.from(token));
    }

    @PostMapping("/api/orgs/{orgId}/conversations/{id}/unassign")
    Mono<ConversationView> unassign(@PathVariable UUID orgId, @PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return conversations.unassign(orgId, id, Caller.from(token));
    }

    @PostMapping("/api/orgs/{orgId}/conversations/{id}/close")
    Mono<ConversationView> close(@PathVariable UUID orgId, @PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return conversations.close(orgId, id, Caller.from(token));
    }

    @PostMapping("/api/orgs/{orgId}/conversations/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<NoteView> addNote(@PathVariable UUID orgId, @PathVariable UUID id, @Valid @RequestBody Requests.Note request,
                           @AuthenticationPrincipal Jwt token) {
        return conversations.addNote(orgId, id, request, Caller.from(token));
    }

    @GetMapping("/api/orgs/{orgId}/conversations/{id}/notes")
    Mono<List<NoteView>> notes(@PathVariable UUID orgId, @PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return conversations.notes(orgId, id, Caller.from(token));
    }

    /** Newest first; {@code before} is the {@code nextBefore} of the previous page. Employees get only their own. */
    @GetMapping("/api/orgs/{orgId}/portals/{portalId}/conversations")
    Mono<ConversationPage> list(@PathVariable UUID orgId, @PathVariable UUID portalId, @RequestParam(required = false) WorkStatus status,
                                @RequestParam(required = false) String before, @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
                                @AuthenticationPrincipal Jwt token) {
        return Mono.fromCallable(() -> PageCursor.parse(before))
                .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(cursor -> conversations.list(orgId, portalId, status, cursor.orElse(null), limit, Caller.from(token)));
    }

    @GetMapping("/api/orgs/{orgId}/routing/queue")
    Mono<List<QueueView>> queue(@PathVariable UUID orgId, @RequestParam(required = false) UUID portalId, @AuthenticationPrincipal Jwt token) {
        return queues.queues(orgId, portalId, Caller.from(token));
    }
}
