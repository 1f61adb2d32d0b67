package io.switchboard.routing.work;

import io.switchboard.events.access.Permission;
import io.switchboard.events.access.PortalAccess;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.access.Callers;
import io.switchboard.routing.access.OrgCaller;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.routing.orgmember.OrgMembers;
import io.switchboard.routing.portals.Portals;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The conversation API: who may see and change which conversation follows the shared portal access rule
 * ({@link PortalAccess}): employees their own, portal managers all of their portals', OWNER/ADMIN everything,
 * VIEWERs read all and change nothing. A conversation the caller may not see answers 404, as another
 * organization's does.
 */
@Service
class ConversationService {

    private final Callers callers;
    private final Portals portals;
    private final WorkAccess workAccess;
    private final OrgMembers orgMembers;
    private final OrgWrites writes;
    private final Dispatcher dispatcher;
    private final WorkItems items;
    private final Openings openings;
    private final Notes notes;
    private final Clock clock;

    ConversationService(Callers callers, Portals portals, WorkAccess workAccess, OrgMembers orgMembers, OrgWrites writes, Dispatcher dispatcher,
                        WorkItems items, Openings openings, Notes notes, Clock clock) {
        this.callers = callers;
        this.portals = portals;
        this.workAccess = workAccess;
        this.orgMembers = orgMembers;
        this.writes = writes;
        this.dispatcher = dispatcher;
        this.items = items;
        this.openings = openings;
        this.notes = notes;
        this.clock = clock;
    }

    record OpenResult(ConversationView conversation, boolean created) {
    }

    Mono<OpenResult> open(UUID orgId, Requests.OpenConversation request, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> workAccess.in(me, request.portalId()).flatMap(access -> {
            if (!access.seesPortal()) {
                return Mono.error(RoutingProblems.notFound("portal " + request.portalId()));
            }
            if (!access.changesWork() || !me.holds(Permission.CONVERSATIONS_REPLY)) {
                return Mono.error(RoutingProblems.forbidden("you may not open conversations in this portal"));
            }
            var work = new Dispatcher.NewWork(orgId, Kind.CONVERSATION, request.externalId(), request.portalId(), request.teamId(),
                    request.clientId(), request.channel(), request.customerName(), request.subject(), clock.instant());
            return writes.write(orgId, Actor.user(me.userId()), () -> openings.open(work))
                    .flatMap(opened -> opened.isNew() ? view(opened.item()).map(view -> new OpenResult(view, true)) : known(me, request, opened.item()));
        }));
    }

    /**
     * The externalId was opened before: the same conversation answers 200 if the caller may see it; anything
     * else (another portal, client or channel, or a conversation they may not see) is a conflict that reveals
     * nothing about it.
     */
    private Mono<OpenResult> known(OrgCaller me, Requests.OpenConversation request, WorkItem existing) {
        boolean same = existing.portalId().equals(request.portalId()) && existing.clientId().equals(request.clientId())
                && existing.channel().equals(request.channel());
        return workAccess.in(me, existing.portalId()).flatMap(access -> same && WorkAccess.sees(me, access, existing)
                ? view(existing).map(view -> new OpenResult(view, false))
                : Mono.error(RoutingProblems.conflict("external-id-taken", "This organization already has a conversation with this externalId.",
                        "externalId", "is already taken")));
    }

    Mono<ConversationView> get(UUID orgId, UUID id, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> items.find(orgId, id)
                .filter(ConversationService::isConversation)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(item -> workAccess.in(me, item.portalId()).flatMap(access -> WorkAccess.sees(me, access, item) ? view(item) : Mono.error(notFound(id)))));
    }

    Mono<ConversationPage> list(UUID orgId, UUID portalId, WorkStatus status, PageCursor before, int limit, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> workAccess.in(me, portalId).flatMap(access -> {
            if (access.work() == PortalAccess.Work.NONE || !me.holds(Permission.CONVERSATIONS_READ)) {
                return Mono.error(RoutingProblems.notFound("portal " + portalId));
            }
            UUID onlyAssignedTo = access.work() == PortalAccess.Work.OWN ? me.userId() : null;
            return items.inPortal(orgId, portalId, Kind.CONVERSATION, onlyAssignedTo, status, before, limit + 1).collectList().flatMap(found -> {
                List<WorkItem> page = found.size() > limit ? found.subList(0, limit) : found;
                String next = found.size() > limit ? PageCursor.after(page.get(page.size() - 1)).toString() : null;
                return reactor.core.publisher.Flux.fromIterable(page).concatMap(this::view).collectList()
                        .map(views -> new ConversationPage(views, next));
            });
        }));
    }

    Mono<ConversationView> assign(UUID orgId, UUID id, Requests.Assign request, Caller caller) {
        return change(orgId, id, caller, (me, access, item) -> {
            WorkAccess.requireAssigner(me, access, Kind.CONVERSATION);
            if (request.forced() && !me.isAdmin()) {
                return Mono.error(RoutingProblems.forbidden("only an owner or admin may force an assignment"));
            }
            return orgMembers.takesWork(orgId, request.userId())
                    .flatMap(takesWork -> takesWork ? portals.isMember(item.portalId(), request.userId())
                            : Mono.error(RoutingProblems.conflict("takes-no-work", "user " + request.userId()
                                    + " is not an active member who takes work (a VIEWER or deactivated member takes none).", "userId",
                                    "takes no work")))
                    .flatMap(inPortal -> inPortal ? dispatcher.assign(item, request.userId(), request.forced(), me.userId())
                            : Mono.error(RoutingProblems.conflict("not-in-portal", "user " + request.userId() + " is not a member of this conversation's portal.",
                                    "userId", "is not a member of this conversation's portal")));
        });
    }

    Mono<ConversationView> unassign(UUID orgId, UUID id, Caller caller) {
        return change(orgId, id, caller, (me, access, item) -> {
            WorkAccess.requireAssigner(me, access, Kind.CONVERSATION);
            return dispatcher.unassign(item, me.userId());
        });
    }

    Mono<ConversationView> close(UUID orgId, UUID id, Caller caller) {
        return change(orgId, id, caller, (me, access, item) -> {
            if (!access.changesWork() || !me.holds(Permission.CONVERSATIONS_REPLY)) {
                return Mono.error(RoutingProblems.forbidden("you may not close conversations"));
            }
            return dispatcher.close(item, me.userId());
        });
    }

    Mono<NoteView> addNote(UUID orgId, UUID id, Requests.Note request, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> items.find(orgId, id)
                .filter(ConversationService::isConversation)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(item -> workAccess.in(me, item.portalId()).flatMap(access -> {
                    if (!WorkAccess.sees(me, access, item)) {
                        return Mono.error(notFound(id));
                    }
                    if (!access.changesWork() || !me.holds(Permission.NOTES_WRITE)) {
                        return Mono.error(RoutingProblems.forbidden("you may not write notes"));
                    }
                    NoteView note = new NoteView(UUID.randomUUID(), id, me.userId(), request.text().strip(), clock.instant());
                    return notes.add(orgId, note).thenReturn(Change.none(note));
                }))));
    }

    Mono<List<NoteView>> notes(UUID orgId, UUID id, Caller caller) {
        return get(orgId, id, caller).flatMap(visible -> notes.of(orgId, id).collectList());
    }

    private interface Step {
        Mono<Change<WorkItem>> apply(OrgCaller me, PortalAccess access, WorkItem locked);
    }

    /** A change of one conversation: under the organization's write, with the row locked, if the caller sees it. */
    private Mono<ConversationView> change(UUID orgId, UUID id, Caller caller, Step step) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> items.lock(orgId, id)
                        .filter(ConversationService::isConversation)
                        .switchIfEmpty(Mono.error(() -> notFound(id)))
                        .flatMap(item -> workAccess.in(me, item.portalId()).flatMap(access -> WorkAccess.sees(me, access, item)
                                ? Mono.defer(() -> step.apply(me, access, item)) : Mono.error(notFound(id))))))
                .flatMap(this::view);
    }





    private Mono<ConversationView> view(WorkItem item) {
        return item.status() == WorkStatus.QUEUED
                ? items.position(item).map(position -> ConversationView.of(item, position))
                : Mono.just(ConversationView.of(item, null));
    }

    /** A lead's id names no conversation: the conversation API answers 404 for it. */
    private static boolean isConversation(WorkItem item) {
        return item.kind() == Kind.CONVERSATION;
    }

    private static ProblemException notFound(UUID id) {
        return RoutingProblems.notFound("conversation " + id);
    }
}
