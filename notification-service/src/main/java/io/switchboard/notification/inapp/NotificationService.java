package io.switchboard.notification.inapp;

import io.switchboard.events.identity.SessionEnded;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.web.Caller;
import io.switchboard.web.ProblemException;
import io.switchboard.web.ProblemTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The bell: a person's own notifications of an org they are an active member of (else 404, the org's existence
 * is not revealed), optionally of one portal of that org (a portal of another org, or one not known: 404).
 */
@Service
class NotificationService {

    /** A member who joined a moment ago may not be in the projection yet; their first request waits this long. */
    private static final Duration MEMBERSHIP_GRACE = Duration.ofMillis(1500);
    /** How many notifications a stream's pull reads at once (a long replay takes several). */
    static final int STREAM_PAGE = 200;

    static final String NOTIFICATION_EVENT = "notification";
    /** How long a stream closing on a removal may take to send the removal notification. */
    static final Duration FAREWELL_LIMIT = Duration.ofSeconds(2);
    static final String UNREAD_COUNT_EVENT = "unread-count";

    private final NotificationStore store;
    private final Directory directory;
    private final MembershipProjection memberships;
    private final Signals signals;
    private final LiveStreams streams;
    private final InAppProperties properties;
    private final Clock clock = Clock.systemUTC();

    NotificationService(NotificationStore store, Directory directory, MembershipProjection memberships, Signals signals,
                        LiveStreams streams, InAppProperties properties) {
        this.store = store;
        this.directory = directory;
        this.memberships = memberships;
        this.signals = signals;
        this.streams = streams;
        this.properties = properties;
    }

    Mono<Views.Page> list(Caller caller, UUID orgId, UUID portalId, boolean unreadOnly, Long before, Integer limit) {
        int size = limit == null ? properties.pageSize() : limit;
        if (size < 1 || size > properties.maxPageSize()) {
            return Mono.error(invalid("limit", "must be between 1 and " + properties.maxPageSize()));
        }
        if (before != null && before < 1) {
            return Mono.error(invalid("before", "must be a positive notification seq"));
        }
        return access(caller, orgId, portalId)
                .thenMany(store.list(caller.userId(), orgId, portalId, unreadOnly, before, size))
                .collectList()
                .map(items -> new Views.Page(items, items.size() == size ? items.getLast().seq() : null));
    }

    Mono<Views.UnreadCount> unreadCount(Caller caller, UUID orgId, UUID portalId) {
        return access(caller, orgId, portalId)
                .then(store.unreadCount(caller.userId(), orgId, portalId))
                .map(unread -> new Views.UnreadCount(orgId, portalId, unread));
    }

    /** Someone else's notification, or one of an org the caller left: 404. */
    Mono<Notification> markRead(Caller caller, UUID id) {
        return store.orgOf(caller.userId(), id)
                .filter(orgId -> memberships.find(orgId, caller.userId()).filter(MembershipProjection.Membership::isActive).isPresent())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("notification " + id)))
                .flatMap(orgId -> store.markRead(caller.userId(), id, clock.instant()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("notification " + id)));
    }

    Mono<Views.MarkedRead> markAllRead(Caller caller, UUID orgId, UUID portalId) {
        return access(caller, orgId, portalId)
                .then(store.markAllRead(caller.userId(), orgId, portalId, clock.instant()))
                .map(marked -> new Views.MarkedRead(orgId, portalId, marked));
    }

    Mono<Views.Preferences> preferences(Caller caller, UUID orgId, UUID portalId) {
        return access(caller, orgId, portalId)
                .then(store.preference(caller.userId(), orgId, portalId))
                .map(effective -> view(orgId, portalId, effective));
    }

    Mono<Views.Preferences> setPreferences(Caller caller, UUID orgId, UUID portalId, Views.PreferencesRequest request) {
        if (request == null || request.push() == null) {
            return Mono.error(invalid("push", "is required (true or false)"));
        }
        if (request.inApp() == null) {
            return Mono.error(invalid("inApp", "is required (true or false)"));
        }
        Preference preference = new Preference(request.push(), request.inApp());
        return access(caller, orgId, portalId)
                .then(store.setPreference(caller.userId(), orgId, portalId, preference, clock.instant()))
                .then(store.preference(caller.userId(), orgId, portalId))
                .map(effective -> view(orgId, portalId, effective));
    }

    /**
     * The live stream: with {@code lastEventId}, every in-app notification of the filter after it first; then
     * each new one, and the unread count whenever it changes (once at the start); a heartbeat comment between.
     * It ends when the person leaves the org or signs out of the session whose token opened it, and when that
     * token expires ({@code tokenExpiresAt}; null: never): a stream outlives no check a request would face, and the
     * client reconnects with a fresh token and its Last-Event-ID, missing nothing.
     */
    Mono<Flux<ServerSentEvent<Object>>> stream(Caller caller, UUID orgId, UUID portalId, Long lastEventId, Instant tokenExpiresAt) {
        if (lastEventId != null && lastEventId < 0) {
            return Mono.error(invalid("Last-Event-ID", "must be a notification seq"));
        }
        UUID userId = caller.userId();
        return access(caller, orgId, portalId)
                .then(store.lastSeq(userId, orgId))
                // a Last-Event-ID beyond the person's newest cannot be theirs: from the newest (nothing of theirs is skipped)
                .map(newest -> lastEventId != null ? Math.min(lastEventId, newest) : newest)
                .map(start -> Flux.defer(() -> {
                    LiveStreams.Handle handle = streams.register(userId, orgId, SessionEnded.hashOf(caller.sessionId()));
                    AtomicLong sent = new AtomicLong(start);
                    Flux<ServerSentEvent<Object>> items = LiveFeed.of(start, signals.wakeUpsOf(userId),
                                    after -> store.after(userId, orgId, portalId, after, STREAM_PAGE), STREAM_PAGE,
                                    () -> store.unreadCount(userId, orgId, portalId))
                            .map(item -> switch (item) {
                                case LiveFeed.New created -> {
                                    sent.accumulateAndGet(created.notification().seq(), Math::max);
                                    yield event(created.notification());
                                }
                                case LiveFeed.UnreadCount count -> ServerSentEvent.<Object>builder(new Views.UnreadCount(orgId, portalId, count.unread()))
                                        .event(UNREAD_COUNT_EVENT).build();
                            });
                    Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(properties.heartbeat())
                            .map(tick -> ServerSentEvent.<Object>builder().comment("heartbeat").build());
                    // a removal or sign-out processed between the membership check and register is caught here
                    Mono<Void> sweep = streams.sweep(handle).onErrorResume(failed -> Mono.empty()).then();
                    return Flux.merge(items, heartbeats, sweep.thenMany(Flux.<ServerSentEvent<Object>>empty()))
                            .takeUntilOther(handle.closed())
                            .concatWith(Flux.defer(() -> handle.reason() == LiveStreams.Reason.MEMBER_GONE ? farewell(userId, orgId, sent.get()) : Flux.empty()))
                            .takeUntilOther(expiry(tokenExpiresAt))
                            .doFinally(signal -> streams.unregister(handle));
                }));
    }

    private static ServerSentEvent<Object> event(Notification notification) {
        return ServerSentEvent.<Object>builder(notification).event(NOTIFICATION_EVENT).id(Long.toString(notification.seq())).build();
    }

    /**
     * A stream closing because its person left the org first sends what it has not sent of their removal or
     * deactivation notification (whatever portal it shows), within {@link #FAREWELL_LIMIT}; nothing else.
     */
    private Flux<ServerSentEvent<Object>> farewell(UUID userId, UUID orgId, long sentUpTo) {
        return store.after(userId, orgId, null, sentUpTo, STREAM_PAGE)
                .filter(n -> Kind.MEMBER_REMOVED.name().equals(n.kind()) || Kind.MEMBER_DEACTIVATED.name().equals(n.kind()))
                .map(NotificationService::event)
                .take(FAREWELL_LIMIT)
                .onErrorResume(failed -> Flux.empty());
    }

    /** Fires when the token expires; never without an expiry. */
    private Mono<Long> expiry(Instant tokenExpiresAt) {
        if (tokenExpiresAt == null) {
            return Mono.never();
        }
        Duration left = Duration.between(clock.instant(), tokenExpiresAt);
        return Mono.delay(left.isNegative() ? Duration.ZERO : left);
    }

    private Mono<Void> access(Caller caller, UUID orgId, UUID portalId) {
        Mono<Void> member = memberships.awaitMembership(orgId, caller.userId(), MEMBERSHIP_GRACE)
                .filter(MembershipProjection.Membership::isActive)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("organization " + orgId)))
                .then();
        if (portalId == null) {
            return member;
        }
        return member.then(directory.portalOf(orgId, portalId))
                .flatMap(known -> known ? Mono.<Void>empty() : Mono.error(ProblemException.notFound("portal " + portalId)));
    }

    private static Views.Preferences view(UUID orgId, UUID portalId, Preference.Effective effective) {
        return new Views.Preferences(orgId, portalId, effective.preference().push(), effective.preference().inApp(), effective.source());
    }

    static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
