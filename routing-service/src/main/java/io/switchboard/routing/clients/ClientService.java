package io.switchboard.routing.clients;

import io.switchboard.events.access.Permission;
import io.switchboard.messaging.change.Actor;
import io.switchboard.messaging.change.Change;
import io.switchboard.messaging.change.Constraints;
import io.switchboard.routing.access.Callers;
import io.switchboard.routing.access.OrgCaller;
import io.switchboard.routing.change.OrgWrites;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Clients: listed by any active member holding org:read; created, renamed and deleted by OWNERs and ADMINs (and
 * custom roles holding settings:write): clients are organization configuration.
 */
@Service
public class ClientService {

    private final Clients clients;
    private final Callers callers;
    private final OrgWrites writes;
    private final Clock clock;

    ClientService(Clients clients, Callers callers, OrgWrites writes, Clock clock) {
        this.clients = clients;
        this.callers = callers;
        this.writes = writes;
        this.clock = clock;
    }

    /** For routing profiles, inside the organization's write: those of {@code ids} that are live clients of the organization. */
    public Mono<Set<UUID>> existing(UUID orgId, Collection<UUID> ids) {
        return clients.existing(orgId, ids).collect(Collectors.toSet());
    }

    Flux<ClientView> list(UUID orgId, Caller caller) {
        return reader(orgId, caller).flatMapMany(me -> clients.list(orgId)).map(ClientView::of);
    }

    Mono<ClientView> get(UUID orgId, UUID clientId, Caller caller) {
        return reader(orgId, caller).flatMap(me -> require(orgId, clientId)).map(ClientView::of);
    }

    Mono<ClientView> create(UUID orgId, Caller caller, CreateClientRequest request) {
        return writer(orgId, caller).flatMap(me -> {
            Change<Client> created = Client.create(orgId, request.name(), now());
            return writes.write(orgId, Actor.user(me.userId()), () -> clients.insert(created.result()).thenReturn(created))
                    .onErrorMap(e -> Constraints.violated(e, Clients.NAME_UNIQUE), e -> Problems.nameTaken(created.result().name()));
        }).map(ClientView::of);
    }

    Mono<ClientView> update(UUID orgId, UUID clientId, Caller caller, UpdateClientRequest request) {
        return writer(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> require(orgId, clientId)
                        .map(client -> client.rename(request.name()))
                        .flatMap(change -> change.isEmpty() ? Mono.just(change) : clients.save(change.result()).thenReturn(change)))
                .onErrorMap(e -> Constraints.violated(e, Clients.NAME_UNIQUE), e -> Problems.nameTaken(Client.checkedName(request.name()))))
                .map(ClientView::of);
    }

    /**
     * Soft-deletes the client and takes it out of every routing profile in the same write; assigned work keeps it.
     * Refused (409) while any of its conversations wait: nobody could take them afterwards.
     */
    Mono<Void> delete(UUID orgId, UUID clientId, Caller caller) {
        return writer(orgId, caller).flatMap(me -> writes.write(orgId, Actor.user(me.userId()), () -> require(orgId, clientId)
                .flatMap(client -> clients.queuedWork(orgId, clientId).flatMap(queued -> queued > 0
                        ? Mono.error(Problems.hasQueuedWork(clientId, queued)) : Mono.just(client)))
                .flatMap(client -> clients.removeFromProfiles(orgId, clientId)
                        .map(removed -> client.delete(now(), removed))
                        .flatMap(change -> clients.save(change.result()).thenReturn(change))))).then();
    }

    private Mono<Client> require(UUID orgId, UUID clientId) {
        return clients.find(orgId, clientId).switchIfEmpty(Mono.error(() -> Problems.clientNotFound(clientId)));
    }

    private Mono<OrgCaller> reader(UUID orgId, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> me.holds(Permission.ORG_READ) ? Mono.just(me)
                : Mono.error(ProblemException.forbidden("Your role does not read this organization's clients.")));
    }

    private Mono<OrgCaller> writer(UUID orgId, Caller caller) {
        return callers.member(orgId, caller).flatMap(me -> mayWrite(me) ? Mono.just(me)
                : Mono.error(ProblemException.forbidden("Only owners and admins (or a role holding settings:write) change clients.")));
    }

    /** OWNER and ADMIN, or a custom role holding settings:write (no other built-in role holds it). */
    static boolean mayWrite(OrgCaller me) {
        return me.isAdmin() || me.holds(Permission.SETTINGS_WRITE);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
