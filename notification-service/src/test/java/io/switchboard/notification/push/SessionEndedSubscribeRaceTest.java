package io.switchboard.notification.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.switchboard.events.identity.SessionEnded;
import io.switchboard.notification.postgres.DirectConnections;
import io.switchboard.notification.push.SubscribeRequest.Keys;
import io.switchboard.notification.session.EndedSessions;
import io.switchboard.testing.RealServers;
import io.switchboard.web.ProblemException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A subscription racing a sign-out, driven deterministically: the test plays the session listener's transaction
 * (the session's advisory lock, the ended_sessions row) and commits it only once the subscription waits for the lock.
 */
@SpringBootTest
@DirtiesContext
class SessionEndedSubscribeRaceTest {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "notification_service_session_race");
        registry.add("spring.kafka.consumer.group-id", () -> "notification-service-race-test-" + UUID.randomUUID());
        registry.add("spring.mail.host", () -> RealServers.smtp().host());
        registry.add("spring.mail.port", () -> RealServers.smtp().smtpPort());
    }

    @Autowired PushSubscriptions subscriptions;
    @Autowired DatabaseClient db;
    @Autowired ConnectionFactory connectionFactory;

    private static SubscribeRequest request(UUID org, String device) {
        return new SubscribeRequest("https://push.example.test/" + UUID.randomUUID(), new Keys("p256dh-key", "auth-key"), device, org);
    }

    private long subscriptionsOf(UUID user) {
        return db.sql("select count(*) from push_subscriptions where user_id = :user").bind("user", user)
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
    }

    /**
     * Waiters for this session's lock only: pg_locks spans the cluster, and other contexts' transient waiters on other
     * advisory locks could hide the one the test waits for. A bigint key shows as classid (high half) and objid (low half).
     */
    private long waitersOnSessionLock(String hash) {
        return db.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted and objsubid = 1"
                        + " and classid::bigint = (hashtextextended(:hash, 2011) >> 32) & 4294967295"
                        + " and objid::bigint = hashtextextended(:hash, 2011) & 4294967295")
                .bind("hash", hash).map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
    }

    private static Mono<Void> run(Connection connection, String sql) {
        return Flux.from(connection.createStatement(sql).execute()).flatMap(result -> result.map((row, meta) -> 1)).then();
    }

    @Test
    void aSubscriptionWaitingWhileTheSessionEnds_isRefused401_andStoresNothing() throws Exception {
        UUID user = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        String hash = SessionEnded.hashOf("sid-" + UUID.randomUUID());
        Connection listener = Mono.from(DirectConnections.unwrap(connectionFactory).create()).block(Duration.ofSeconds(10));
        try {
            Mono.from(listener.beginTransaction()).block(Duration.ofSeconds(10));
            run(listener, "select pg_advisory_xact_lock(hashtextextended('" + hash + "', 2011))").block(Duration.ofSeconds(10));
            run(listener, "insert into ended_sessions (session_hash, user_id, ended_at) values ('" + hash + "', '" + user + "', now())")
                    .block(Duration.ofSeconds(10));

            assertThat(waitersOnSessionLock(hash)).isZero();
            CompletableFuture<PushSubscriptions.Stored> subscribing = subscriptions.subscribe(user, org, hash, request(org, "phone")).toFuture();
            await("the subscription waits for the session's lock").atMost(Duration.ofSeconds(30))
                    .failFast("the subscription ended without waiting for the session's lock", subscribing::isDone)
                    .until(() -> waitersOnSessionLock(hash) == 1);
            assertThat(subscribing).isNotDone();

            Mono.from(listener.commitTransaction()).block(Duration.ofSeconds(10));

            assertThat(subscribing).failsWithin(30, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOfSatisfying(ProblemException.class, problem -> {
                        assertThat(problem.status().value()).isEqualTo(401);
                        assertThat(problem.type()).isEqualTo(EndedSessions.SESSION_ENDED);
                    });
            assertThat(subscriptionsOf(user)).isZero();
        } finally {
            Mono.from(listener.close()).block(Duration.ofSeconds(10));
        }
    }

    @Test
    void anotherSessionOfThePerson_stillSubscribes() {
        UUID user = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        String ended = SessionEnded.hashOf("sid-" + UUID.randomUUID());
        db.sql("insert into ended_sessions (session_hash, user_id, ended_at) values (:hash, :user, now())").bind("hash", ended).bind("user", user)
                .fetch().rowsUpdated().block(Duration.ofSeconds(10));

        subscriptions.subscribe(user, org, SessionEnded.hashOf("sid-" + UUID.randomUUID()), request(org, "laptop")).block(Duration.ofSeconds(10));

        assertThat(subscriptionsOf(user)).isEqualTo(1);
    }
}
