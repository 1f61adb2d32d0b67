package io.switchboard.notification.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.identity.SessionEnded;
import io.switchboard.notification.push.SubscribeRequest.Keys;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.push.PushAnswer;
import io.switchboard.testing.push.PushAttempt;
import io.switchboard.testing.push.PushDevice;
import io.switchboard.testing.push.ReceivedPush;
import io.switchboard.testing.push.TestPushService;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Web Push end to end on the real servers: notification rows (the contract with in-app) in the real PostgreSQL,
 * session events on the real Kafka, pushes to the test push service, which checks each VAPID JWT and decrypts each
 * aes128gcm body with the device's private key, so these tests read exactly what a phone would show.
 */
@SpringBootTest
@DirtiesContext // its listeners and delivery loop must not outlive the class (the broker and push service are shared)
@ExtendWith(OutputCaptureExtension.class)
class PushDeliveryTest {

    private static final String KEY_ENCRYPTION_KEY = randomKey();
    private static final TestPushService PUSH = TestPushService.start();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "notification_service_push");
        registry.add("spring.kafka.consumer.group-id", () -> "notification-service-push-test-" + UUID.randomUUID());
        registry.add("spring.mail.host", () -> RealServers.smtp().host());
        registry.add("spring.mail.port", () -> RealServers.smtp().smtpPort());
        registry.add("switchboard.push.key-encryption-key", () -> KEY_ENCRYPTION_KEY);
        registry.add("switchboard.push.insecure-endpoint-hosts", () -> "127.0.0.1");
        registry.add("switchboard.push.first-retry", () -> "300ms");
        registry.add("switchboard.push.max-retry", () -> "2s");
        registry.add("switchboard.push.max-attempts", () -> "100"); // at most 2 s apart: 30 s down takes ~20 attempts
        registry.add("switchboard.push.poll", () -> "10m"); // LISTEN and the retry timer must do the work, not the poll
    }

    @Autowired DatabaseClient db;
    @Autowired ReactiveTransactionManager transactionManager;
    @Autowired VapidKeys vapidKeys;
    @Autowired PushSubscriptions subscriptions;
    @Autowired PushProperties properties;

    @AfterEach
    void pushServiceBack() {
        if (PUSH.isDown()) {
            PUSH.comeBack();
        }
        PUSH.resetAnswers();
    }

    @AfterAll
    static void stopPushService() {
        PUSH.close();
    }

    @Test
    void notificationWithPushPending_reachesTheDevice_whichDecryptsTheExactTitleBodyUrlAndTag() {
        Person dana = new Person();
        PushDevice phone = subscribe(dana, dana.session, "dana-phone");

        UUID notification = notify(dana, "Conversation assigned to you", "Ann Customer on WhatsApp: \"Hi, my order…\"", "high");

        ReceivedPush push = phone.awaitPushes(1, Duration.ofSeconds(30)).getFirst();
        assertThat(push.json().get("title").asString()).isEqualTo("Conversation assigned to you");
        assertThat(push.json().get("body").asString()).isEqualTo("Ann Customer on WhatsApp: \"Hi, my order…\"");
        assertThat(push.json().get("url").asString()).isEqualTo("/orgs/" + dana.org + "/portals/p/conversations/" + notification);
        assertThat(push.json().get("tag").asString()).isEqualTo("conversation:" + notification);
        assertThat(push.urgency()).isEqualTo("high");
        assertThat(push.ttl()).isPositive().isLessThanOrEqualTo(properties.highUrgencyTtl().toSeconds());
        assertThat(push.topic()).isEqualTo(PushPayload.topicOf("conversation:" + notification));
        assertThat(push.vapidPublicKey()).isEqualTo(vapidPublicKey());
        assertThat(push.vapidSubject()).isEqualTo("mailto:push@switchboard.local");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(delivery(notification))
                .containsEntry("status", "SENT").containsEntry("attempts", 1).containsEntry("last_status", 201));
        assertThat(pushPending(notification)).isFalse();
        phone.assertNoMorePushesThan(1, Duration.ofSeconds(2));
    }

    @Test
    void everyDeviceOfThePersonInThatOrg_getsIt_andNoneOfAnotherOrg() {
        Person dana = new Person();
        PushDevice phone = subscribe(dana, dana.session, "dana-phone");
        PushDevice laptop = subscribe(dana, "another-session-" + UUID.randomUUID(), "dana-laptop");
        Person danaElsewhere = new Person(dana.user, UUID.randomUUID());
        PushDevice otherOrgTablet = subscribe(danaElsewhere, dana.session, "dana-tablet");

        notify(dana, "Lead assigned to you", "New lead from the website", "high");

        phone.awaitPushes(1, Duration.ofSeconds(30));
        laptop.awaitPushes(1, Duration.ofSeconds(30));
        otherOrgTablet.assertNoMorePushesThan(0, Duration.ofSeconds(2));
    }

    @Test
    void gone410_deletesTheSubscription_andItsDeliveries() {
        Person dana = new Person();
        PushDevice phone = subscribe(dana, dana.session, "dana-phone").answerAlways(PushAnswer.gone());

        UUID notification = notify(dana, "Customer replied", "Ann: thanks!", "normal");

        phone.awaitAttempts(1, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriptionCount(dana) == 0);
        assertThat(delivery(notification)).as("the subscription's deliveries went with it").isEmpty();
        UUID next = notify(dana, "Customer replied", "Ann: are you there?", "normal");
        await("fanned out to no device").atMost(Duration.ofSeconds(10)).until(() -> !pushPending(next));
        phone.assertNoMorePushesThan(0, Duration.ofSeconds(2));
        assertThat(phone.attempts()).hasSize(1);
    }

    @Test
    void tooManyRequestsWithRetryAfter_isHonoured_andEachAttemptIsRecorded() {
        Person dana = new Person();
        PushDevice phone = subscribe(dana, dana.session, "dana-phone").answerNext(1, PushAnswer.tooManyRequests(Duration.ofSeconds(3)));

        UUID notification = notify(dana, "Conversation re-routed", "Moved to the billing team", "normal");

        phone.awaitPushes(1, Duration.ofSeconds(30));
        List<PushAttempt> attempts = phone.attempts();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).status()).isEqualTo(429);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).as("waited as Retry-After asked")
                .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(delivery(notification).get("status")));
        List<Map<String, Object>> recorded = attemptLog(notification);
        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(0)).containsEntry("attempt", 1).containsEntry("http_status", 429).containsEntry("outcome", "RETRY");
        assertThat(recorded.get(0).get("retry_after_ms")).isEqualTo(3000L);
        assertThat(recorded.get(1)).containsEntry("attempt", 2).containsEntry("http_status", 201).containsEntry("outcome", "SENT");
        Duration apart = Duration.between(((OffsetDateTime) recorded.get(0).get("attempted_at")).toInstant(),
                ((OffsetDateTime) recorded.get(1).get("attempted_at")).toInstant());
        assertThat(apart).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void clientError_failsTheDeliveryWithoutRetry() {
        Person dana = new Person();
        PushDevice phone = subscribe(dana, dana.session, "dana-phone").answerNext(1, new PushAnswer(413, null));

        UUID notification = notify(dana, "Role changed", "You are now a manager", "normal");

        phone.awaitAttempts(1, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(delivery(notification))
                .containsEntry("status", "FAILED").containsEntry("attempts", 1).containsEntry("last_status", 413));
        phone.assertNoMorePushesThan(0, Duration.ofSeconds(2));
        assertThat(subscriptionCount(dana)).isEqualTo(1);
    }

    @Test
    void pushServiceDown30sWhile20NotificationsAreDue_eachIsDeliveredExactlyOnceAfter() throws Exception {
        Person dana = new Person();
        PushDevice phone = subscribe(dana, dana.session, "dana-phone");
        long downAt = System.nanoTime();
        PUSH.goDown();

        List<UUID> notifications = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            notifications.add(notify(dana, "Conversation assigned to you", "Conversation #" + i, "high"));
        }
        // each one is tried, and fails (connection refused), while the push service is away
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications.stream().allMatch(id -> {
            Map<String, Object> row = delivery(id);
            return "PENDING".equals(row.get("status")) && (Integer) row.get("attempts") >= 1;
        }));
        Thread.sleep(Math.max(0, Duration.ofSeconds(30).toMillis() - Duration.ofNanos(System.nanoTime() - downAt).toMillis()));
        assertThat(phone.received()).isEmpty();

        PUSH.comeBack();

        List<ReceivedPush> received = phone.awaitPushes(20, Duration.ofSeconds(60));
        phone.assertNoMorePushesThan(20, Duration.ofSeconds(3));
        assertThat(received.stream().map(push -> push.json().get("body").asString()).sorted().toList())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "Conversation #" + i).toList())
                .doesNotHaveDuplicates();
        for (UUID id : notifications) {
            Map<String, Object> row = delivery(id);
            assertThat(row).containsEntry("status", "SENT");
            assertThat((Integer) row.get("attempts")).isGreaterThan(1);
        }
    }

    @Test
    void endpointsOfOneHostThatNeverAnswer_holdNoTransaction_atMostTwoSendsAtOnce_andAnotherPersonsPushGoesThrough() throws Exception {
        List<java.net.Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
        try (java.net.ServerSocket stalled = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(stalled.accept()); // takes the request, never answers
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            Person stuck = new Person();
            for (int i = 0; i < 8; i++) {
                SubscribeRequest request = new SubscribeRequest("http://127.0.0.1:" + stalled.getLocalPort() + "/push/" + i,
                        new Keys(P256.generate().publicKeyBase64Url(), P256.base64Url(new byte[16])), "stuck-" + i, stuck.org);
                subscriptions.subscribe(stuck.user, stuck.org, SessionEnded.hashOf(stuck.session), request).block(Duration.ofSeconds(10));
            }
            notify(stuck, "Conversation assigned to you", "to a host that never answers", "high");
            await().atMost(Duration.ofSeconds(30)).until(() -> claimedOf(stuck) > 0 && !held.isEmpty());

            Person dana = new Person();
            PushDevice phone = subscribe(dana, dana.session, "dana-phone");
            UUID notification = notify(dana, "Conversation assigned to you", "while another host stalls", "high");

            long maxClaimed = 0;
            // a stalled send lasts the 5 s send timeout and is tried again within 2 s: 8 s of samples meet one that has
            // been in flight for over 2 s, which is when a transaction held across it would show
            Instant sampledEnough = Instant.now().plusSeconds(8);
            Instant giveUp = Instant.now().plusSeconds(30);
            while ((phone.received().isEmpty() || Instant.now().isBefore(sampledEnough)) && Instant.now().isBefore(giveUp)) {
                maxClaimed = Math.max(maxClaimed, heldClaimsOf(stuck));
                assertThat(idleInTransactionForOverTwoSeconds()).as("a send in flight holds no database transaction").isZero();
                Thread.sleep(50);
                assertThat(delivery(notification).get("status")).isNotEqualTo("FAILED");
            }
            assertThat(phone.awaitPushes(1, Duration.ofSeconds(30))).hasSize(1);
            assertThat(delivery(notification)).containsEntry("status", "SENT");
            assertThat(maxClaimed).isBetween(1L, (long) PushDeliveryLoop.MAX_PER_HOST);
        } finally {
            db.sql("delete from push_subscriptions where endpoint like 'http://127.0.0.1:%/push/%' and device_id like 'stuck-%'")
                    .fetch().rowsUpdated().block(Duration.ofSeconds(10));
            synchronized (held) {
                for (java.net.Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    private long claimedOf(Person person) {
        return db.sql("""
                        select count(*) from push_deliveries d join push_subscriptions s on s.id = d.subscription_id
                        where s.user_id = :user and d.claim is not null and d.claimed_until > clock_timestamp()""")
                .bind("user", person.user).map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    }

    /** Sessions waiting inside a transaction for over 2 s; between the statements of a short transaction one waits for milliseconds. */
    /**
     * Claims made over a second ago and still held: the sends in flight. A worker that finds its host's places taken
     * gives its fresh claim back at once, so for a few milliseconds a host may show a claim more than it sends.
     */
    private long heldClaimsOf(Person person) {
        return db.sql("""
                        select count(*) from push_deliveries d join push_subscriptions s on s.id = d.subscription_id
                        where s.user_id = :user and d.claim is not null and d.claimed_until > clock_timestamp()
                          and d.claimed_until < clock_timestamp() + make_interval(secs => :lease) - interval '1 second'""")
                .bind("user", person.user).bind("lease", PushDeliveryLoop.leaseFor(properties).toMillis() / 1000.0)
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    }

    /** Leaves out the mail loop, which holds its row lock across an SMTP send by design (and may, replaying earlier mails). */
    private long idleInTransactionForOverTwoSeconds() {
        return db.sql("""
                        select count(*) from pg_stat_activity
                        where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'
                          and state_change < clock_timestamp() - interval '2 seconds' and query not like '%email_deliveries%'""")
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    }

    @Test
    void sessionEnded_deletesThatSessionsAndDevicesSubscriptions_andNothingReachesThatDeviceAfter_theOtherSessionKeepsItsOwn() {
        Person dana = new Person();
        String otherSession = "other-session-" + UUID.randomUUID();
        PushDevice phone = subscribe(dana, dana.session, "dana-phone");
        PushDevice laptop = subscribe(dana, otherSession, "dana-laptop");
        Person danaElsewhere = new Person(dana.user, UUID.randomUUID());
        PushDevice samePhoneOlderSession = subscribe(danaElsewhere, "older-session-" + UUID.randomUUID(), "dana-phone");

        try (Events events = Events.onSharedBroker()) {
            events.publish(EventCatalog.SESSION_ENDED, dana.user,
                    new SessionEnded(dana.user, SessionEnded.hashOf(dana.session), "dana-phone", Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> subscriptionCount(dana) == 1);
        assertThat(subscriptionCount(danaElsewhere)).as("the device it was signed out on, whatever session subscribed it").isZero();

        notify(dana, "Conversation assigned to you", "After sign-out", "high");
        notify(danaElsewhere, "Conversation assigned to you", "After sign-out, other org", "high");

        laptop.awaitPushes(1, Duration.ofSeconds(30));
        phone.assertNoMorePushesThan(0, Duration.ofSeconds(2));
        assertThat(phone.attempts()).isEmpty();
        assertThat(samePhoneOlderSession.attempts()).isEmpty();
    }

    @Test
    void aSessionEventWhoseDataNamesAnotherPerson_deletesNothing() {
        Person victim = new Person();
        subscribe(victim, victim.session, "victim-phone");
        UUID forger = UUID.randomUUID();
        UUID after;

        try (Events events = Events.onSharedBroker()) {
            // keyed and subjected by one person, naming another in its data
            events.publish(EventCatalog.SESSION_ENDED, forger,
                    new SessionEnded(victim.user, SessionEnded.hashOf(victim.session), "victim-phone", Instant.now()));
            // a genuine one after it with the same key (same partition): once it is consumed, so was the first
            after = events.publish(EventCatalog.SESSION_ENDED, forger, new SessionEnded(forger, "no-such-session", null, Instant.now())).id();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("select count(*) from inbox where consumer = :consumer and event_id = :id")
                .bind("consumer", SessionEventsListener.CONSUMER).bind("id", after)
                .map(row -> row.get(0, Long.class)).one().block() == 1);

        assertThat(subscriptionCount(victim)).isEqualTo(1);
    }

    @Test
    void sharedDevice_theEndpointMovesToWhoeverSubscribedLast_andThePreviousPersonsNotificationsNeverReachIt() {
        Person anna = new Person();
        Person ben = new Person(UUID.randomUUID(), anna.org);
        PushDevice sharedTablet = subscribe(anna, anna.session, "front-desk-tablet");
        UUID pendingForAnna = notifyWithoutWakeUp(anna, "For Anna, queued before Ben subscribed", "x");
        // Anna's delivery exists (fanned out) or will: either way it must not reach the tablet once Ben has it
        subscribeSame(ben, ben.session, "front-desk-tablet", sharedTablet);
        assertThat(subscriptionCount(anna)).isZero();

        notify(anna, "For Anna", "must not show on Ben's tablet", "high");
        notify(ben, "For Ben", "shows on the tablet", "high");

        ReceivedPush push = sharedTablet.awaitPush(p -> p.json().get("title").asString().equals("For Ben"), Duration.ofSeconds(30));
        assertThat(push.json().get("body").asString()).isEqualTo("shows on the tablet");
        // Anna's earlier notification may still arrive: a send already in flight when the endpoint moved is not
        // called back (docs/architecture.md, Subscriptions). Nothing notified after the move may, nor Ben's twice.
        await("the tablet shows Ben's notification once and nothing of Anna's from after the move")
                .during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> {
                    List<String> titles = sharedTablet.received().stream().map(p -> p.json().get("title").asString()).toList();
                    return Collections.frequency(titles, "For Ben") == 1
                            && titles.stream().allMatch(title -> title.equals("For Ben") || title.equals("For Anna, queued before Ben subscribed"));
                });
        assertThat(delivery(pendingForAnna).get("status")).as("not left pending for the tablet").isNotEqualTo("PENDING");
    }

    @Test
    void aPersonKeepsAtMost20DevicesPerOrg_subscribingAnotherDropsTheLeastRecent() {
        Person dana = new Person();
        PushDevice first = subscribe(dana, dana.session, "device-0");
        for (int i = 1; i <= PushSubscriptions.MAX_PER_PERSON_AND_ORG; i++) {
            subscribe(dana, dana.session, "device-" + i);
        }

        assertThat(subscriptionCount(dana)).isEqualTo(PushSubscriptions.MAX_PER_PERSON_AND_ORG);
        assertThat(db.sql("select count(*) from push_subscriptions where endpoint = :endpoint").bind("endpoint", first.endpoint())
                .map(row -> row.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void memberRemovedFromTheOrg_losesTheirSubscriptionsOfThatOrgOnly() {
        Person dana = new Person();
        subscribe(dana, dana.session, "dana-phone");
        Person danaElsewhere = new Person(dana.user, UUID.randomUUID());
        subscribe(danaElsewhere, dana.session, "dana-phone");

        Long deleted = TransactionalOperator.create(transactionManager)
                .transactional(subscriptions.deleteForMember(dana.org, dana.user)).block(Duration.ofSeconds(10));

        assertThat(deleted).isEqualTo(1);
        assertThat(subscriptionCount(dana)).isZero();
        assertThat(subscriptionCount(danaElsewhere)).isEqualTo(1);
    }

    @Test
    void vapidKeys_surviveARestart_andAnotherKeyEncryptionKeyTurnsPushOffInsteadOfMakingNewOnes(CapturedOutput output) {
        String before = vapidPublicKey();

        VapidKeys restarted = new VapidKeys(db, withKey(KEY_ENCRYPTION_KEY));
        assertThat(restarted.publicKey().block(Duration.ofSeconds(10))).contains(before);
        VapidKeys wrongKey = new VapidKeys(db, withKey(randomKey()));
        assertThat(wrongKey.publicKey().block(Duration.ofSeconds(10))).isEmpty();
        VapidKeys noKey = new VapidKeys(db, withKey(null));
        assertThat(noKey.publicKey().block(Duration.ofSeconds(10))).isEmpty();

        assertThat(vapidPublicKey()).isEqualTo(before);
        assertThat(db.sql("select count(*) as n from push_vapid_keys").map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);
        String stored = db.sql("select private_key_sealed from push_vapid_keys").map(row -> row.get(0, String.class)).one().block();
        assertThat(stored).isNotBlank();
        assertThat(output.getAll()).contains("Web Push is OFF").doesNotContain(KEY_ENCRYPTION_KEY).doesNotContain(stored);
    }

    @Test
    void logs_nameEndpointsByHostAndHashOnly(CapturedOutput output) {
        Person dana = new Person();
        PushDevice phone = subscribe(dana, dana.session, "dana-phone");
        notify(dana, "Conversation assigned to you", "log check", "high");
        phone.awaitPushes(1, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(15)).until(() -> output.getAll().contains("127.0.0.1#" + LogText.hash(phone.endpoint())));

        String path = phone.endpoint().substring(phone.endpoint().indexOf("/push/"));
        assertThat(output.getAll()).doesNotContain(path).doesNotContain(phone.auth());
    }

    // ---- fixtures ----

    /** A person in an org, signed in on one session. */
    private static final class Person {
        final UUID user;
        final UUID org;
        final String session = "session-" + UUID.randomUUID();

        Person() {
            this(UUID.randomUUID(), UUID.randomUUID());
        }

        Person(UUID user, UUID org) {
            this.user = user;
            this.org = org;
        }
    }

    private String vapidPublicKey() {
        return vapidKeys.publicKey().block(Duration.ofSeconds(10)).orElseThrow();
    }

    private PushDevice subscribe(Person person, String session, String deviceId) {
        PushDevice device = PUSH.newSubscription(vapidPublicKey());
        subscribeSame(person, session, deviceId, device);
        return device;
    }

    private void subscribeSame(Person person, String session, String deviceId, PushDevice device) {
        SubscribeRequest request = new SubscribeRequest(device.endpoint(), new Keys(device.p256dh(), device.auth()), deviceId, person.org);
        assertThat(request.errors(new EndpointRules(properties.insecureEndpointHosts()))).isEmpty();
        subscriptions.subscribe(person.user, person.org, SessionEnded.hashOf(session), request).block(Duration.ofSeconds(10));
    }

    /** A notification row as in-app writes it (push preference on), and its pg_notify, in one transaction. */
    private UUID notify(Person person, String title, String body, String urgency) {
        return insertNotification(person, title, body, urgency, true);
    }

    private UUID notifyWithoutWakeUp(Person person, String title, String body) {
        return insertNotification(person, title, body, "high", false);
    }

    private UUID insertNotification(Person person, String title, String body, String urgency, boolean wake) {
        UUID id = UUID.randomUUID();
        var insert = db.sql("""
                        insert into notifications (id, user_id, org_id, portal_id, kind, title, body, url, tag, urgency, source_event_id,
                                                   in_app, push_pending, created_at)
                        values (:id, :user, :org, null, 'CONVERSATION_ASSIGNED', :title, :body, :url, :tag, :urgency, :event, true, true, now())""")
                .bind("id", id).bind("user", person.user).bind("org", person.org).bind("title", title).bind("body", body)
                .bind("url", "/orgs/" + person.org + "/portals/p/conversations/" + id).bind("tag", "conversation:" + id)
                .bind("urgency", urgency).bind("event", UUID.randomUUID())
                .fetch().rowsUpdated();
        var notify = db.sql("select pg_notify('notification_created', :user) as sent").bind("user", person.user.toString())
                .map(row -> 1).one();
        TransactionalOperator.create(transactionManager).transactional(wake ? insert.then(notify) : insert.thenReturn(0))
                .block(Duration.ofSeconds(10));
        return id;
    }

    private Map<String, Object> delivery(UUID notification) {
        return db.sql("select status, attempts, last_status from push_deliveries where notification_id = :id")
                .bind("id", notification).fetch().one().blockOptional(Duration.ofSeconds(5)).orElse(Map.of());
    }

    private List<Map<String, Object>> attemptLog(UUID notification) {
        return db.sql("""
                        select a.attempt, a.attempted_at, a.http_status, a.outcome,
                               cast(extract(epoch from a.retry_after) * 1000 as bigint) as retry_after_ms
                        from push_attempts a join push_deliveries d on d.id = a.delivery_id
                        where d.notification_id = :id order by a.attempt""")
                .bind("id", notification).fetch().all().collectList().block(Duration.ofSeconds(5));
    }

    private boolean pushPending(UUID notification) {
        return db.sql("select push_pending from notifications where id = :id").bind("id", notification)
                .map(row -> row.get(0, Boolean.class)).one().block(Duration.ofSeconds(5));
    }

    private long subscriptionCount(Person person) {
        return db.sql("select count(*) from push_subscriptions where user_id = :user and org_id = :org")
                .bind("user", person.user).bind("org", person.org)
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    }

    private PushProperties withKey(String key) {
        return new PushProperties(key, properties.subject(), properties.insecureEndpointHosts(), properties.ttl(), properties.highUrgencyTtl(),
                properties.poll(), properties.firstRetry(), properties.maxRetry(), properties.maxRetryAfter(), properties.maxAttempts(),
                properties.concurrency(), properties.connectTimeout(), properties.sendTimeout(), properties.fanOutBatch());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
