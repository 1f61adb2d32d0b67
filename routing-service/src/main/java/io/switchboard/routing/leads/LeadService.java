package io.switchboard.routing.leads;

import io.switchboard.events.access.Permission;
import io.switchboard.events.access.PortalAccess;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.routing.access.Callers;
import io.switchboard.routing.access.OrgCaller;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.routing.leadstatus.LeadStatuses;
import io.switchboard.routing.orgmember.OrgMembers;
import io.switchboard.routing.portals.Portals;
import io.switchboard.routing.work.Dispatcher;
import io.switchboard.routing.work.Kind;
import io.switchboard.routing.work.NoteView;
import io.switchboard.routing.work.PageCursor;
import io.switchboard.routing.work.WorkAccess;
import io.switchboard.routing.work.WorkItem;
import io.switchboard.routing.work.WorkRecords;
import io.switchboard.routing.work.WorkStatus;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The lead API. Who sees which lead follows the shared portal access rule ({@link PortalAccess}) as for
 * conversations, with leads:read: employees their own, portal managers all of their portals', OWNER/ADMIN and
 * VIEWERs everything; a lead the caller may not see answers 404, as another organization's does. Opening takes
 * leads:write where the caller changes work; assigning leads:assign (forcing: OWNER/ADMIN); changing the status
 * the assignee with leads:write, or whoever may assign; viewers change nothing.
 */
@Service
class LeadService {

    private final Callers callers;
    private final Portals portals;
    private final WorkAccess workAccess;
    private final OrgMembers orgMembers;
    private final OrgWrites writes;
    private final Dispatcher dispatcher;
    private final WorkRecords work;
    private final LeadOpenings openings;
    private final LeadContacts contacts;
    private final LeadStatuses statuses;
    private final Clock clock;

    LeadService(Callers callers, Portals portals, WorkAccess workAccess, OrgMembers orgMembers, OrgWrites writes, Dispatcher dispatcher, WorkRecords work,
                LeadOpenings openings, LeadContacts contacts, LeadStatuses statuses, Clock clock) {
        this.callers = callers;
        this.portals = portals;
        this.workAccess = workAccess;
        this.orgMembers = orgMembers;
        this.writes = writes;
        this.dispatcher = dispatcher;
        this.work = work;
        this.openings = openings;
        this.contacts = contacts;
        this.statuses = statuses;
        this.clock = clock;
    }

    record CreateResult(LeadView lead, boolean created) {
    }

    /** Opens a checked lead ({@link LeadRequests.Create#checked}) now. */
    Mono<CreateResult> create(UUID orgId, NewLead checked, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> {
            NewLead lead = checked.openedAt(clock.instant());
            return portals.find(orgId, lead.portalId())
                    .switchIfEmpty(Mono.error(() -> RoutingProblems.invalid("portalId", "is not a portal of this organization")))
                    .then(workAccess.in(me, lead.portalId())).flatMap(access -> {
                if (!access.seesPortal()) {
                    return Mono.error(RoutingProblems.notFound("portal " + lead.portalId()));
                }
                if (!access.changesWork() || !me.holds(Permission.LEADS_WRITE)) {
                    return Mono.error(RoutingProblems.forbidden("you may not create leads in this portal"));
                }
                return writes.write(orgId, Actor.user(me.userId()), () -> openings.open(lead))
                        .flatMap(opened -> opened.isNew() ? view(opened.item()).map(view -> new CreateResult(view, true))
                                : known(me, lead, opened.item()));
            });
        });
    }

    /** The externalId is known: the same lead answers 200 if the caller sees it; anything else is a conflict revealing nothing. */
    private Mono<CreateResult> known(OrgCaller me, NewLead lead, WorkItem existing) {
        boolean same = existing.portalId().equals(lead.portalId()) && existing.clientId().equals(lead.clientId());
        return workAccess.in(me, existing.portalId()).flatMap(access -> same && WorkAccess.sees(me, access, existing)
                ? view(existing).map(view -> new CreateResult(view, false))
                : Mono.error(RoutingProblems.conflict("external-id-taken", "This organization already has a lead with this externalId.",
                        "externalId", "is already taken")));
    }

    Mono<LeadView> get(UUID orgId, UUID id, Caller caller) {
        return visible(orgId, id, caller).flatMap(this::view);
    }

    Mono<LeadPage> list(UUID orgId, UUID portalId, WorkStatus state, PageCursor before, int limit, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> workAccess.in(me, portalId).flatMap(access -> {
            if (access.work() == PortalAccess.Work.NONE || !me.holds(Permission.LEADS_READ)) {
                return Mono.error(RoutingProblems.notFound("portal " + portalId));
            }
            UUID onlyAssignedTo = access.work() == PortalAccess.Work.OWN ? me.userId() : null;
            return work.inPortal(orgId, portalId, Kind.LEAD, onlyAssignedTo, state, before, limit + 1).collectList().flatMap(found -> {
                List<WorkItem> page = found.size() > limit ? found.subList(0, limit) : found;
                String next = found.size() > limit ? PageCursor.after(page.get(page.size() - 1)).toString() : null;
                NewLead.Contact none = new NewLead.Contact(null, null, null, null, null);
                return Mono.zip(statuses.current(orgId), contacts.findAll(orgId, page.stream().map(WorkItem::id).toList()))
                        .flatMap(known -> Flux.fromIterable(page)
                                .concatMap(item -> (item.status() == WorkStatus.QUEUED ? work.position(item) : Mono.just(0))
                                        .map(position -> LeadView.of(item, known.getT2().getOrDefault(item.id(), none), known.getT1(), position, null)))
                                .collectList()
                                .map(views -> new LeadPage(views, next)));
            });
        }));
    }

    Mono<LeadView> assign(UUID orgId, UUID id, LeadRequests.Assign request, Caller caller) {
        return change(orgId, id, caller, (me, access, item) -> {
            WorkAccess.requireAssigner(me, access, Kind.LEAD);
            if (request.forced() && !me.isAdmin()) {
                return Mono.error(RoutingProblems.forbidden("only an owner or admin may force an assignment"));
            }
            return orgMembers.takesWork(orgId, request.userId())
                    .flatMap(takesWork -> takesWork ? portals.isMember(item.portalId(), request.userId())
                            : Mono.error(RoutingProblems.conflict("takes-no-work", "user " + request.userId()
                                    + " is not an active member who takes work (a VIEWER or deactivated member takes none).", "userId", "takes no work")))
                    .flatMap(inPortal -> inPortal ? dispatcher.assign(item, request.userId(), request.forced(), me.userId())
                            : Mono.error(RoutingProblems.conflict("not-in-portal", "user " + request.userId() + " is not a member of this lead's portal.",
                                    "userId", "is not a member of this lead's portal")));
        });
    }

    Mono<LeadView> unassign(UUID orgId, UUID id, Caller caller) {
        return change(orgId, id, caller, (me, access, item) -> {
            WorkAccess.requireAssigner(me, access, Kind.LEAD);
            return dispatcher.unassign(item, me.userId());
        });
    }

    /**
     * Moves the lead to {@code statusId}, with a history row and one {@code routing.lead.status-changed}; a WON or
     * LOST status closes an open lead, gives its lead capacity back and drains the queues, in the same write.
     */
    Mono<LeadView> changeStatus(UUID orgId, UUID id, LeadRequests.ChangeStatus request, Caller caller) {
        return change(orgId, id, caller, (me, access, item) -> {
            boolean assignee = me.userId().equals(item.assigneeId()) && me.holds(Permission.LEADS_WRITE);
            boolean assigner = access.work() == PortalAccess.Work.ALL && (me.isAdmin() || me.holds(Permission.LEADS_ASSIGN));
            if (!access.changesWork() || !(assignee || assigner)) {
                return Mono.error(RoutingProblems.forbidden("only the lead's assignee or a manager of its portal may change its status"));
            }
            return moveStatus(item, request.statusId(), me.userId());
        });
    }

    /** Inside the organization's write, the lead row locked: the status change, its history row, its event, and a close if its outcome closes. */
    Mono<Change<WorkItem>> moveStatus(WorkItem locked, String statusId, UUID by) {
        Instant now = now();
        return statuses.current(locked.orgId()).flatMap(list -> new Lead(locked).changeStatus(list, statusId, by, now)
                .map(change -> work.leadStatus(locked.id(), change.to().id())
                        .then(statuses.record(locked.orgId(), locked.id(), locked.statusId(), change.to().id(), by, now))
                        .then(change.closes() ? dispatcher.closeWith(locked, change.event())
                                : Mono.just(Change.<WorkItem>none(locked).and(change.event()))))
                .orElseGet(() -> Mono.just(Change.none(locked))));
    }

    Mono<LeadNoteView> addNote(UUID orgId, UUID id, LeadRequests.Note request, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> work.find(orgId, id)
                .filter(item -> item.kind() == Kind.LEAD)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(item -> workAccess.in(me, item.portalId()).flatMap(access -> {
                    if (!WorkAccess.sees(me, access, item)) {
                        return Mono.error(notFound(id));
                    }
                    if (!access.changesWork() || !me.holds(Permission.NOTES_WRITE)) {
                        return Mono.error(RoutingProblems.forbidden("you may not write notes"));
                    }
                    NoteView note = new NoteView(UUID.randomUUID(), id, me.userId(), request.text().strip(), clock.instant());
                    return work.addNote(orgId, note).thenReturn(Change.none(LeadNoteView.of(note)));
                }))));
    }

    Mono<List<LeadNoteView>> notes(UUID orgId, UUID id, Caller caller) {
        return visible(orgId, id, caller).flatMap(item -> work.notes(orgId, id))
                .map(notes -> notes.stream().map(LeadNoteView::of).toList());
    }

    private interface Step {
        Mono<Change<WorkItem>> apply(OrgCaller me, PortalAccess access, WorkItem locked);
    }

    /** A change of one lead: under the organization's write, with the row locked, if the caller sees it. */
    private Mono<LeadView> change(UUID orgId, UUID id, Caller caller, Step step) {
        return callers.member(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> work.lock(orgId, id)
                        .filter(item -> item.kind() == Kind.LEAD)
                        .switchIfEmpty(Mono.error(() -> notFound(id)))
                        .flatMap(item -> workAccess.in(me, item.portalId()).flatMap(access -> WorkAccess.sees(me, access, item)
                                ? Mono.defer(() -> step.apply(me, access, item)) : Mono.error(notFound(id))))))
                .flatMap(this::view);
    }

    private Mono<WorkItem> visible(UUID orgId, UUID id, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> work.find(orgId, id)
                .filter(item -> item.kind() == Kind.LEAD)
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(item -> workAccess.in(me, item.portalId()).flatMap(access -> WorkAccess.sees(me, access, item) ? Mono.just(item) : Mono.error(notFound(id)))));
    }





    /** A single lead as read again after its write (so the view shows what committed), with contact, status names, position and history. */
    private Mono<LeadView> view(WorkItem written) {
        return work.find(written.orgId(), written.id()).defaultIfEmpty(written).flatMap(item -> Mono.zip(
                contacts.find(item.orgId(), item.id()),
                statuses.current(item.orgId()),
                item.status() == WorkStatus.QUEUED ? work.position(item) : Mono.just(0),
                statuses.history(item.orgId(), item.id()))
                .map(parts -> LeadView.of(item, parts.getT1(), parts.getT2(), parts.getT3(), parts.getT4())));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException notFound(UUID id) {
        return RoutingProblems.notFound("lead " + id);
    }
}
