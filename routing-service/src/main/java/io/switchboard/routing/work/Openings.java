package io.switchboard.routing.work;

import io.switchboard.messaging.change.Change;
import io.switchboard.routing.access.RoutingProblems;
import io.switchboard.routing.shared.Channel;
import io.switchboard.web.ProblemException;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Opens new work (conversations and leads), the same for HTTP and for the inbound topics, after checking what it names: a known
 * channel, a portal of the organization that is not archived (an archived one's work goes to the default
 * portal), a team of that portal, a client of the organization. Refusals name the field (400).
 *
 * <p>The database checks are part of the insert itself ({@link WorkItems#insert}), so that the usual opening
 * costs no reads of its own; only when the insert refuses does this class read what failed, to name it or to
 * send the work to the default portal.
 */
@Component
public class Openings {

    private final DatabaseClient db;
    private final Dispatcher dispatcher;

    Openings(DatabaseClient db, Dispatcher dispatcher) {
        this.db = db;
        this.dispatcher = dispatcher;
    }

    /** Opens and routes the work (inside the organization's write); idempotent by externalId. */
    public Mono<Change<Dispatcher.Opened>> open(Dispatcher.NewWork work) {
        if (work.kind() == Kind.CONVERSATION ? !Channel.isKnown(work.channel()) : !Kind.LEAD_CHANNEL.equals(work.channel())) {
            return Mono.error(RoutingProblems.invalid("channel", "must be one of " + Channel.names()));
        }
        if (work.externalId() == null || work.externalId().isBlank() || work.externalId().length() > 200) {
            return Mono.error(RoutingProblems.invalid("externalId", "must be 1 to 200 characters"));
        }
        var trimmed = work.withExternalId(work.externalId().trim());
        return dispatcher.open(trimmed)
                .switchIfEmpty(Mono.defer(() -> check(trimmed).flatMap(dispatcher::open)))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("work " + trimmed.externalId() + " passed its checks but was not opened")));
    }

    /** Why the insert refused: the first failing check as a 400, or the work redirected to the default portal. */
    private Mono<Dispatcher.NewWork> check(Dispatcher.NewWork work) {
        return portal(work)
                .flatMap(portalId -> team(work, portalId).then(client(work))
                        .thenReturn(work.inPortal(portalId, portalId.equals(work.portalId()) ? work.teamId() : null)));
    }

    /** The portal to open in: the one named, or the default portal when the named one was archived. */
    private Mono<UUID> portal(Dispatcher.NewWork work) {
        return db.sql("select p.id, p.archived_at is not null as archived, (select d.id from portals d where d.org_id = p.org_id and d.is_default "
                        + "and d.archived_at is null) as default_id from portals p where p.org_id = :org and p.id = :portal")
                .bind("org", work.orgId()).bind("portal", work.portalId())
                .map(row -> new Found(row.get("id", UUID.class), Boolean.TRUE.equals(row.get("archived", Boolean.class)),
                        java.util.Optional.ofNullable(row.get("default_id", UUID.class))))
                .one()
                .switchIfEmpty(Mono.error(() -> invalid("portalId", "is not a portal of this organization")))
                .flatMap(found -> !found.archived() ? Mono.just(found.id())
                        : Mono.justOrEmpty(found.defaultId()).switchIfEmpty(Mono.error(() -> invalid("portalId", "is archived"))));
    }

    private record Found(UUID id, boolean archived, java.util.Optional<UUID> defaultId) {
    }

    private Mono<Void> team(Dispatcher.NewWork work, UUID portalId) {
        if (work.teamId() == null || !portalId.equals(work.portalId())) {
            return Mono.empty();
        }
        return db.sql("select 1 from teams where org_id = :org and id = :team and portal_id = :portal and deleted_at is null")
                .bind("org", work.orgId()).bind("team", work.teamId()).bind("portal", portalId)
                .map(row -> true).one()
                .switchIfEmpty(Mono.error(() -> invalid("teamId", "is not a team of this portal")))
                .then();
    }

    private Mono<Void> client(Dispatcher.NewWork work) {
        return db.sql("select 1 from clients where org_id = :org and id = :client and deleted_at is null")
                .bind("org", work.orgId()).bind("client", work.clientId())
                .map(row -> true).one()
                .switchIfEmpty(Mono.error(() -> invalid("clientId", "is not a client of this organization")))
                .then();
    }

    private static ProblemException invalid(String field, String message) {
        return RoutingProblems.invalid(field, message);
    }
}
