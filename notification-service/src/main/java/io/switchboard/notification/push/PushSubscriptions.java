package io.switchboard.notification.push;

import io.switchboard.notification.session.EndedSessions;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The {@code push_subscriptions} table. A subscription belongs to a person, an org, the Keycloak session it was
 * made in and a device; deleting one deletes its pending deliveries with it (foreign key cascade).
 */
@Component
public class PushSubscriptions {

    /** Devices a person keeps per org: subscribing one more drops the least recently subscribed (each push fans out to all). */
    static final int MAX_PER_PERSON_AND_ORG = 20;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final EndedSessions endedSessions;

    PushSubscriptions(DatabaseClient db, ReactiveTransactionManager transactionManager, EndedSessions endedSessions) {
        this.db = db;
        this.endedSessions = endedSessions;
        this.tx = TransactionalOperator.create(transactionManager);
    }

    /** What was stored: whether the row is new (else an existing one for the endpoint and org was refreshed). */
    record Stored(UUID id, boolean created, long movedFromOthers) {
    }

    /**
     * Stores the caller's subscription in one transaction: the endpoint's rows of anyone else are deleted (a
     * shared device moves to the person who subscribed last, and the previous person's pending deliveries to it
     * go too), a previous endpoint of the same person, device and org is replaced, and the row for (endpoint,
     * org) is inserted or refreshed (session, device, keys), and beyond {@link #MAX_PER_PERSON_AND_ORG} devices of
     * the person in that org the least recently subscribed go. Concurrent subscriptions of one endpoint are
     * serialized by a transaction-scoped advisory lock on it. The session's advisory lock ({@link EndedSessions#lock})
     * is taken first, as the session listener does: a session that ended (even while this request was on its way)
     * is refused with 401 {@code session-ended}, and a sign-out consumed after this commits deletes the row.
     */
    Mono<Stored> subscribe(UUID userId, UUID orgId, String sessionHash, SubscribeRequest request) {
        UUID id = UUID.randomUUID();
        Mono<Stored> work = endedSessions.lock(sessionHash)
                .then(endedSessions.isEnded(sessionHash))
                .flatMap(ended -> ended ? Mono.<Long>error(EndedSessions.sessionEnded())
                        : db.sql("select pg_advisory_xact_lock(hashtextextended(:endpoint, 11))")
                                .bind("endpoint", request.endpoint())
                                .fetch().rowsUpdated())
                .then(db.sql("delete from push_subscriptions where endpoint = :endpoint and user_id <> :userId")
                        .bind("endpoint", request.endpoint())
                        .bind("userId", userId)
                        .fetch().rowsUpdated())
                .flatMap(moved -> db.sql("""
                                delete from push_subscriptions
                                where user_id = :userId and org_id = :orgId and device_id = :deviceId and endpoint <> :endpoint""")
                        .bind("userId", userId)
                        .bind("orgId", orgId)
                        .bind("deviceId", request.deviceId())
                        .bind("endpoint", request.endpoint())
                        .fetch().rowsUpdated()
                        .then(db.sql("""
                                        insert into push_subscriptions (id, user_id, org_id, session_hash, device_id, endpoint, p256dh, auth)
                                        values (:id, :userId, :orgId, :sessionHash, :deviceId, :endpoint, :p256dh, :auth)
                                        on conflict (endpoint, org_id) do update
                                        set session_hash = excluded.session_hash, device_id = excluded.device_id,
                                            p256dh = excluded.p256dh, auth = excluded.auth, updated_at = now()
                                        returning id, (xmax = 0) as created""")
                                .bind("id", id)
                                .bind("userId", userId)
                                .bind("orgId", orgId)
                                .bind("sessionHash", sessionHash)
                                .bind("deviceId", request.deviceId())
                                .bind("endpoint", request.endpoint())
                                .bind("p256dh", request.keys().p256dh().strip())
                                .bind("auth", request.keys().auth().strip())
                                .map(row -> new Stored(row.get("id", UUID.class), Boolean.TRUE.equals(row.get("created", Boolean.class)), moved))
                                .one())
                        .flatMap(stored -> db.sql("""
                                        delete from push_subscriptions where id in (
                                            select id from push_subscriptions where user_id = :userId and org_id = :orgId
                                            order by updated_at desc, created_at desc offset :keep)""")
                                .bind("userId", userId)
                                .bind("orgId", orgId)
                                .bind("keep", MAX_PER_PERSON_AND_ORG)
                                .fetch().rowsUpdated()
                                .thenReturn(stored)));
        return tx.transactional(work);
    }

    /** The caller's subscriptions of one device (in every org); answers how many went. */
    Mono<Long> deleteDevice(UUID userId, String deviceId) {
        return db.sql("delete from push_subscriptions where user_id = :userId and device_id = :deviceId")
                .bind("userId", userId)
                .bind("deviceId", deviceId)
                .fetch().rowsUpdated();
    }

    /**
     * A signed-out session's subscriptions, and those of the device it was signed out on (when named), in the
     * caller's transaction; answers how many went.
     */
    Mono<Long> deleteForSession(UUID userId, String sessionHash, String deviceId) {
        return db.sql("""
                        delete from push_subscriptions
                        where user_id = :userId and (session_hash = :sessionHash or device_id = :deviceId)""")
                .bind("userId", userId)
                .bind("sessionHash", sessionHash)
                .bind("deviceId", deviceId == null ? "" : deviceId)
                .fetch().rowsUpdated();
    }

    /**
     * A person removed from or deactivated in an org loses their subscriptions of that org, and the pending
     * deliveries to them. Runs in the caller's transaction (in-app's membership listener, next to its inbox row);
     * answers how many subscriptions went.
     */
    public Mono<Long> deleteForMember(UUID orgId, UUID userId) {
        return db.sql("delete from push_subscriptions where org_id = :orgId and user_id = :userId")
                .bind("orgId", orgId)
                .bind("userId", userId)
                .fetch().rowsUpdated();
    }

    /** The push service said the subscription is gone (404/410): every row of its endpoint goes (all orgs). */
    Mono<Long> deleteGone(UUID subscriptionId) {
        return db.sql("delete from push_subscriptions where endpoint = (select endpoint from push_subscriptions where id = :id)")
                .bind("id", subscriptionId)
                .fetch().rowsUpdated();
    }
}
