package io.switchboard.routing.leads;

import io.switchboard.routing.work.PageCursor;
import io.switchboard.routing.work.WorkStatus;
import io.switchboard.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Leads: create, read, change status, assign, unassign, notes; a portal's leads. */
@RestController
class LeadController {

    private final LeadService leads;

    LeadController(LeadService leads) {
        this.leads = leads;
    }

    /** 201 for a new lead, 200 when its externalId was already opened (nothing changes). */
    @PostMapping("/api/orgs/{orgId}/leads")
    Mono<ResponseEntity<LeadView>> create(@PathVariable UUID orgId, @RequestBody LeadRequests.Create request, @AuthenticationPrincipal Jwt token) {
        return Mono.fromCallable(() -> request.checked(orgId))
                .flatMap(lead -> leads.create(orgId, lead, Caller.from(token)))
                .map(created -> ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK).body(created.lead()));
    }

    @GetMapping("/api/orgs/{orgId}/leads/{id}")
    Mono<LeadView> get(@PathVariable UUID orgId, @PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return leads.get(orgId, id, Caller.from(token));
    }

    @PatchMapping("/api/orgs/{orgId}/leads/{id}")
    Mono<LeadView> changeStatus(@PathVariable UUID orgId, @PathVariable UUID id, @Valid @RequestBody LeadRequests.ChangeStatus request,
                                @AuthenticationPrincipal Jwt token) {
        return leads.changeStatus(orgId, id, request, Caller.from(token));
    }

    @PostMapping("/api/orgs/{orgId}/leads/{id}/assign")
    Mono<LeadView> assign(@PathVariable UUID orgId, @PathVariable UUID id, @Valid @RequestBody LeadRequests.Assign request,
                          @AuthenticationPrincipal Jwt token) {
        return leads.assign(orgId, id, request, Caller.from(token));
    }

    @PostMapping("/api/orgs/{orgId}/leads/{id}/unassign")
    Mono<LeadView> unassign(@PathVariable UUID orgId, @PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return leads.unassign(orgId, id, Caller.from(token));
    }

    @PostMapping("/api/orgs/{orgId}/leads/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<LeadNoteView> addNote(@PathVariable UUID orgId, @PathVariable UUID id, @Valid @RequestBody LeadRequests.Note request,
                               @AuthenticationPrincipal Jwt token) {
        return leads.addNote(orgId, id, request, Caller.from(token));
    }

    @GetMapping("/api/orgs/{orgId}/leads/{id}/notes")
    Mono<List<LeadNoteView>> notes(@PathVariable UUID orgId, @PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        return leads.notes(orgId, id, Caller.from(token));
    }

    /** Newest first; {@code state} QUEUED, ASSIGNED or CLOSED; {@code before} is the previous page's {@code nextBefore}. Employees get only their own. */
    @GetMapping("/api/orgs/{orgId}/portals/{portalId}/leads")
    Mono<LeadPage> list(@PathVariable UUID orgId, @PathVariable UUID portalId, @RequestParam(required = false) WorkStatus state,
                        @RequestParam(required = false) String before, @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
                        @AuthenticationPrincipal Jwt token) {
        return Mono.fromCallable(() -> PageCursor.parse(before))
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(cursor -> leads.list(orgId, portalId, state, cursor.orElse(null), limit, Caller.from(token)));
    }
}
