package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.e2e.Stack.Person;
import io.switchboard.events.EventCatalog;
import io.switchboard.events.conversation.ConversationOpened;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.push.PushDevice;
import io.switchboard.testing.push.ReceivedPush;
import io.switchboard.testing.push.TestPushService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11 end to end through the gateway, on the whole chain with real Keycloak, Kafka and PostgreSQL: a
 * conversation opened on conversations.inbound.v1 → routing-service assigns it to an agent of the portal
 * (routing.assignments.v1) → notification-service stores the notification, sends it down the agent's live stream
 * (SSE, read through the gateway as a browser's EventSource would) and pushes it with Web Push to the agent's
 * subscribed devices, where the test push service (platform/testing, playing the browser vendor's push service)
 * checks the VAPID JWT and decrypts the aes128gcm payload: the test asserts what a phone would show.
 *
 * <p>One org, one portal ("Front desk …"), a client per agent so that each conversation can only be routed to that
 * agent (their routing profile allows SMS for their own client alone).
 */
@UsesSharedStack
class NotificationE2ETest {

    static final String PASSWORD = "notify-pass-2026";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** How long a push that should not come is waited for (fan-out and send take milliseconds when it does come). */
    static final Duration QUIET = Duration.ofSeconds(4);

    static Stack stack;
    static TestPushService push;
    static Desk desk;

    @BeforeAll
    static void start() {
        stack = Stack.shared();
        push = TestPushService.start();
        desk = Desk.create(stack, "notify");
    }

    @AfterAll
    static void stop() {
        if (desk != null) {
            desk.close();
        }
        if (push != null) {
            push.close();
        }
        if (stack != null) {
            stack.close(); // the shared stack stays up for the next class
        }
    }

    // ---------------------------------------------------------------- Done when 1

    @Test
    void conversationAssignedToAnAgent_reachesTheirLiveStream_andTheirPhoneAsADecryptedPushNamingIt_andTheBellAgrees() {
        Desk.Agent ana = desk.newAgent("Ana");
        Person session = ana.signIn();

        // the VAPID public key needs no token (a service worker subscribes before anyone signs in)
        HttpResponse<String> key = stack.call("GET", "/api/push/vapid-public-key", null, null);
        assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
        String vapidPublicKey = Stack.JSON.readTree(key.body()).get("publicKey").asString();
        assertThat(Base64.getUrlDecoder().decode(vapidPublicKey)).as("an uncompressed P-256 point").hasSize(65).startsWith((byte) 4);

        try (LiveStream stream = desk.openStream(session)) {
            assertThat(stream.lastUnreadCount()).as("the count the stream starts with").isZero();
            PushDevice phone = push.newSubscription(vapidPublicKey); // the browser subscribed with the server's key
            desk.subscribe(session, phone, "ana-phone");

            String externalId = "twilio:ana-" + desk.suffix;
            UUID workId = desk.openAndAwaitAssigned(ana, externalId);
            Desk.Expected expected = desk.expected(workId, externalId);

            // the live stream
            JsonNode live = stream.awaitNotification(expected.url(), PATIENCE);
            assertThat(live.get("kind").asString()).isEqualTo("CONVERSATION_ASSIGNED");
            assertThat(live.get("title").asString()).isEqualTo("New conversation assigned");
            assertThat(live.get("body").asString()).isEqualTo("SMS · " + desk.portalName + " · " + externalId);
            assertThat(live.get("url").asString()).isEqualTo("/orgs/" + desk.org + "/portals/" + desk.portal + "/conversations/" + workId);
            assertThat(live.get("tag").asString()).isEqualTo("conversation:" + workId);
            assertThat(live.get("urgency").asString()).isEqualTo("high");
            assertThat(live.get("orgId").asString()).isEqualTo(desk.org.toString());
            assertThat(live.get("portalId").asString()).isEqualTo(desk.portal.toString());
            assertThat(live.get("read").asBoolean()).isFalse();
            assertThat(stream.eventIdOf(expected.url())).as("the SSE id is the notification's seq").isEqualTo(live.get("seq").asString());
            await().atMost(PATIENCE).until(() -> stream.lastUnreadCount() == 1);

            // the phone: exactly what it shows, decrypted with the subscription's private key
            ReceivedPush received = phone.awaitPush(p -> expected.url().equals(p.json().path("url").asString()), PATIENCE);
            JsonNode shown = received.json();
            assertThat(shown.get("title").asString()).isEqualTo("New conversation assigned");
            assertThat(shown.get("body").asString()).isEqualTo("SMS · " + desk.portalName + " · " + externalId);
            assertThat(shown.get("url").asString()).isEqualTo("/orgs/" + desk.org + "/portals/" + desk.portal + "/conversations/" + workId);
            assertThat(shown.get("tag").asString()).isEqualTo("conversation:" + workId);
            assertThat(received.urgency()).as("assignments are high urgency").isEqualTo("high");
            assertThat(received.ttl()).as("switchboard.push.high-urgency-ttl (1 h) less the notification's age").isBetween(3540L, 3600L);
            assertThat(received.topic()).as("one Topic per thing").isNotBlank();
            assertThat(received.vapidPublicKey()).isEqualTo(vapidPublicKey);
            assertThat(received.vapidSubject()).startsWith("mailto:");
            assertThat(phone.rejected()).as("every push passed the VAPID and encryption checks").isEmpty();
            phone.assertNoMorePushesThan(1, Duration.ofSeconds(2));

            // the bell: the list and the unread count say the same as the stream
            JsonNode page = desk.bell(session, "");
            assertThat(page.get("items")).hasSize(1);
            JsonNode listed = page.get("items").get(0);
            for (String field : List.of("id", "seq", "kind", "title", "body", "url", "tag", "urgency", "orgId", "portalId", "read")) {
                assertThat(listed.get(field)).as(field).isEqualTo(live.get(field));
            }
            assertThat(desk.bell(session, "&portalId=" + desk.portal).get("items")).as("the portal's view").hasSize(1);
            assertThat(desk.bell(session, "&unread=true").get("items")).hasSize(1);
            assertThat(desk.unreadCount(session)).isEqualTo(1);

            // marking it read: the list, the count and the stream agree again
            HttpResponse<String> read = stack.call("POST", "/api/me/notifications/" + listed.get("id").asString() + "/read", session, null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(Stack.JSON.readTree(read.body()).get("read").asBoolean()).isTrue();
            assertThat(desk.unreadCount(session)).isZero();
            assertThat(desk.bell(session, "&unread=true").get("items")).isEmpty();
            await().atMost(PATIENCE).until(() -> stream.lastUnreadCount() == 0);
            assertThat(stream.notifications()).as("the stream sent it once").hasSize(1);
        }
    }

    // ---------------------------------------------------------------- Done when 7

    @Test
    void aRestartOfNotificationService_keepsItsVapidKey_andASubscriptionMadeBeforeItStillGetsPushes() {
        Desk.Agent eva = desk.newAgent("Eva");
        Person session = eva.signIn();
        String keyBefore = vapidPublicKey();
        PushDevice phone = push.newSubscription(keyBefore); // refuses pushes signed with any other key (403)
        desk.subscribe(session, phone, "eva-phone");

        stack.restart("notification-service", Map.of());

        assertThat(vapidPublicKey()).as("the key the browsers subscribed with").isEqualTo(keyBefore);
        String externalId = "twilio:eva-" + desk.suffix;
        UUID workId = desk.openAndAwaitAssigned(eva, externalId);
        Desk.Expected expected = desk.expected(workId, externalId);
        ReceivedPush received = phone.awaitPush(p -> expected.url().equals(p.json().path("url").asString()), PATIENCE);
        assertThat(received.json().get("body").asString()).isEqualTo("SMS · " + desk.portalName + " · " + externalId);
        assertThat(received.vapidPublicKey()).isEqualTo(keyBefore);
        assertThat(phone.rejected()).as("no push signed with another key").isEmpty();
    }

    private static String vapidPublicKey() {
        HttpResponse<String> key = stack.call("GET", "/api/push/vapid-public-key", null, null);
        assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
        return Stack.JSON.readTree(key.body()).get("publicKey").asString();
    }

    // ---------------------------------------------------------------- Done when 2 (the functional part)

    @Test
    void signingOutOnOneDevice_endsItsPushesStreamAndToken_whileThePersonsOtherSessionGoesOn() {
        Desk.Agent ben = desk.newAgent("Ben");
        Person phoneSession = ben.signIn();
        Person laptopSession = ben.signIn(); // a second Keycloak session (another sid)
        assertThat(SessionIds.of(phoneSession)).isNotEqualTo(SessionIds.of(laptopSession));
        PushDevice phone = push.newSubscription(desk.vapidPublicKey());
        PushDevice laptop = push.newSubscription(desk.vapidPublicKey());

        try (LiveStream phoneStream = desk.openStream(phoneSession); LiveStream laptopStream = desk.openStream(laptopSession)) {
            desk.subscribe(phoneSession, phone, "ben-phone");
            desk.subscribe(laptopSession, laptop, "ben-laptop");

            // before: both devices and both streams get the assignment
            String before = "twilio:ben-before-" + desk.suffix;
            Desk.Expected first = desk.expected(desk.openAndAwaitAssigned(ben, before), before);
            phone.awaitPush(first::isShownBy, PATIENCE);
            laptop.awaitPush(first::isShownBy, PATIENCE);
            phoneStream.awaitNotification(first.url(), PATIENCE);
            laptopStream.awaitNotification(first.url(), PATIENCE);

            // sign out on the phone
            HttpResponse<String> signedOut = stack.call("POST", "/api/me/sign-out", phoneSession, Map.of("deviceId", "ben-phone"));
            assertThat(signedOut.statusCode()).as(signedOut.body()).isEqualTo(204);

            // the phone's stream ends (notification-service closes it after deleting the session's subscriptions)
            await().atMost(PATIENCE).untilTrue(phoneStream.ended);
            // the phone's token is refused at the gateway from now on, on every path
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                    .until(() -> stack.call("GET", "/api/me", phoneSession, null).statusCode() == 401);
            HttpResponse<String> refused = stack.call("GET", "/api/me/notifications?orgId=" + desk.org, phoneSession, null);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(Stack.JSON.readTree(refused.body()).path("type").asString()).isEqualTo("https://switchboard.dev/problems/session-ended");
            try (LiveStream again = LiveStream.open(desk.gateway, phoneSession.token(), desk.org)) {
                await().atMost(PATIENCE).untilTrue(again.ended);
                assertThat(again.status).as("a new stream with the signed-out token").isEqualTo(401);
            }
            HttpResponse<String> resubscribe = stack.call("POST", "/api/me/push-subscriptions", phoneSession, Desk.subscription(phone, "ben-phone", desk.org));
            assertThat(resubscribe.statusCode()).as("subscribing with the signed-out token").isEqualTo(401);

            // the other session goes on: its token works, its stream and its device get the next assignment
            assertThat(stack.call("GET", "/api/me", laptopSession, null).statusCode()).isEqualTo(200);
            assertThat(laptopStream.ended).as("the laptop's stream").isFalse();
            String after = "twilio:ben-after-" + desk.suffix;
            Desk.Expected second = desk.expected(desk.openAndAwaitAssigned(ben, after), after);
            laptop.awaitPush(second::isShownBy, PATIENCE);
            JsonNode live = laptopStream.awaitNotification(second.url(), PATIENCE);
            assertThat(live.get("body").asString()).isEqualTo("SMS · " + desk.portalName + " · " + after);
            phone.assertNoMorePushesThan(1, QUIET);
            assertThat(phone.texts()).as("the phone got only the push from before the sign-out").hasSize(1).allSatisfy(text -> assertThat(text).contains(before));
            assertThat(phoneStream.notifications()).as("the phone's stream, ended before the second").hasSize(1);
            assertThat(desk.bell(laptopSession, "").get("items")).hasSize(2);
            assertThat(desk.unreadCount(laptopSession)).isEqualTo(2);
            laptop.assertNoMorePushesThan(2, Duration.ofSeconds(1));
        }
    }

    // ---------------------------------------------------------------- Done when 3

    @Test
    void sharedDevice_afterASignOutAndASubscriptionByAnother_carriesOnlyTheNewPersonsNotifications() {
        Desk.Agent cleo = desk.newAgent("Cleo"); // A
        Desk.Agent dan = desk.newAgent("Dan");   // B
        PushDevice tablet = push.newSubscription(desk.vapidPublicKey());

        // A subscribes the tablet, and it works
        Person cleoOnTablet = cleo.signIn();
        String cleos = "twilio:cleo-1-" + desk.suffix;
        Desk.Expected cleoFirst;
        try (LiveStream cleosStream = desk.openStream(cleoOnTablet)) {
            desk.subscribe(cleoOnTablet, tablet, "shared-tablet");
            cleoFirst = desk.expected(desk.openAndAwaitAssigned(cleo, cleos), cleos);
            tablet.awaitPush(cleoFirst::isShownBy, PATIENCE);

            // A signs out on it (the stream's end says notification-service has dropped the session's subscriptions)
            assertThat(stack.call("POST", "/api/me/sign-out", cleoOnTablet, Map.of("deviceId", "shared-tablet")).statusCode()).isEqualTo(204);
            await().atMost(PATIENCE).untilTrue(cleosStream.ended);
        }

        // B subscribes the same endpoint
        Person danOnTablet = dan.signIn();
        desk.subscribe(danOnTablet, tablet, "shared-tablet");

        // an assignment to A reaches no device: it is in A's bell (signed in elsewhere), not on the tablet
        String cleosNext = "twilio:cleo-2-" + desk.suffix;
        Desk.Expected cleoSecond = desk.expected(desk.openAndAwaitAssigned(cleo, cleosNext), cleosNext);
        Person cleoElsewhere = cleo.signIn();
        desk.awaitInBell(cleoElsewhere, cleoSecond);
        tablet.assertNoMorePushesThan(1, QUIET);

        // one to B reaches it
        String dans = "twilio:dan-1-" + desk.suffix;
        Desk.Expected danFirst = desk.expected(desk.openAndAwaitAssigned(dan, dans), dans);
        ReceivedPush forDan = tablet.awaitPush(danFirst::isShownBy, PATIENCE);
        assertThat(forDan.json().get("body").asString()).isEqualTo("SMS · " + desk.portalName + " · " + dans);

        // and it moves on without a sign-out: A subscribes the tablet again (a new session); B's no longer reach it
        desk.subscribe(cleoElsewhere, tablet, "shared-tablet");
        String dansNext = "twilio:dan-2-" + desk.suffix;
        Desk.Expected danSecond = desk.expected(desk.openAndAwaitAssigned(dan, dansNext), dansNext);
        desk.awaitInBell(danOnTablet, danSecond);
        tablet.assertNoMorePushesThan(2, QUIET);
        String cleosLast = "twilio:cleo-3-" + desk.suffix;
        Desk.Expected cleoThird = desk.expected(desk.openAndAwaitAssigned(cleo, cleosLast), cleosLast);
        tablet.awaitPush(cleoThird::isShownBy, PATIENCE);
        tablet.assertNoMorePushesThan(3, Duration.ofSeconds(1));
        assertThat(tablet.received().stream().map(p -> p.json().get("url").asString()).toList()).as("what the tablet showed, in order")
                .containsExactly(cleoFirst.url(), danFirst.url(), cleoThird.url());
        assertThat(tablet.rejected()).isEmpty();
    }

    // ---------------------------------------------------------------- the set-up, shared with NotificationBenchmark

    /**
     * An org with one portal and agents in it, each with a client of their own that only they may take SMS of (so
     * each conversation goes to the agent it is meant for), set up through the gateway as RoutingE2ETest does.
     */
    static final class Desk implements AutoCloseable {

        final Stack stack;
        final String suffix;
        final URI gateway;
        final String ownerEmail;
        final UUID org;
        final UUID portal;
        final String portalName;
        private final Events events = Events.onSharedBroker();
        private String vapidPublicKey;

        /** An agent of the portal; {@code client}: the client whose SMS conversations only they may take. */
        record Agent(String email, UUID id, UUID client) {
            Person signIn() {
                return Stack.signIn(email, PASSWORD);
            }
        }

        /** What notification-service should show for a conversation assigned to its agent. */
        record Expected(UUID workId, String externalId, String url) {
            boolean isShownBy(ReceivedPush push) {
                return url.equals(push.json().path("url").asString());
            }
        }

        private Desk(Stack stack, String suffix, URI gateway, String ownerEmail, UUID org, UUID portal, String portalName) {
            this.stack = stack;
            this.suffix = suffix;
            this.gateway = gateway;
            this.ownerEmail = ownerEmail;
            this.org = org;
            this.portal = portal;
            this.portalName = portalName;
        }

        static Desk create(Stack stack, String prefix) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String ownerEmail = prefix + ".owner." + suffix + "@acme.test";
            RealServers.keycloak().createUser(ownerEmail, PASSWORD, "Olivia", "Owner");
            Person owner = Stack.signIn(ownerEmail, PASSWORD);
            UUID org = stack.createOrg(owner, Map.of("name", "Notify " + suffix, "plan", "ENTERPRISE", "seats", 1000));
            // the gateway's address as the Stack calls it (the SSE streams are read with a client of their own)
            URI gateway = URI.create(stack.call("GET", "/api/push/vapid-public-key", null, null).uri().resolve("/").toString());
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                    stack.call("GET", "/api/orgs/" + org + "/portals", owner, null).statusCode() == 200);
            String portalName = "Front desk " + suffix;
            HttpResponse<String> created = stack.call("POST", "/api/orgs/" + org + "/portals", owner, Map.of("name", portalName));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            UUID portal = UUID.fromString(Stack.JSON.readTree(created.body()).get("id").asString());
            // routing-service knows the org's members once it serves the owner
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                    stack.call("GET", "/api/orgs/" + org + "/clients", owner, null).statusCode() == 200);
            return new Desk(stack, suffix, gateway, ownerEmail, org, portal, portalName);
        }

        Person owner() {
            return Stack.signIn(ownerEmail, PASSWORD);
        }

        /** A new person, invited into the org as an AGENT of the portal, with a client of their own (SMS, capacity 100). */
        Agent newAgent(String firstName) {
            String email = firstName.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8) + "." + suffix + "@acme.test";
            RealServers.keycloak().createUser(email, PASSWORD, firstName, "Agent");
            Person person = Stack.signIn(email, PASSWORD);
            stack.refreshOwner(org, PASSWORD);
            stack.invitationAccepted(org, person, "AGENT", List.of(portal));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
                HttpResponse<String> members = stack.call("GET", "/api/orgs/" + org + "/portals/" + portal + "/members", owner(), null);
                return members.statusCode() == 200 && StreamSupport.stream(Stack.JSON.readTree(members.body()).spliterator(), false)
                        .anyMatch(m -> m.get("userId").asString().equals(person.id().toString()));
            });
            HttpResponse<String> client = stack.call("POST", "/api/orgs/" + org + "/clients", owner(), Map.of("name", firstName + "'s client " + email));
            assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
            UUID clientId = UUID.fromString(Stack.JSON.readTree(client.body()).get("id").asString());
            Map<String, Object> profile = new HashMap<>(Map.of("channels", Map.of("SMS", 100), "clients", Map.of(clientId.toString(), List.of("SMS"))));
            profile.put("leadCapacity", null);
            // routing-service learns the member and the portal membership from events
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> stack.call("PUT",
                    "/api/orgs/" + org + "/members/" + person.id() + "/routing-profile", owner(), profile).statusCode() == 200);
            // notification-service knows the portal (by name) and the member once the portal's list answers them
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                    stack.call("GET", "/api/me/notifications?orgId=" + org + "&portalId=" + portal, person, null).statusCode() == 200);
            return new Agent(email, person.id(), clientId);
        }

        String vapidPublicKey() {
            if (vapidPublicKey == null) {
                HttpResponse<String> key = stack.call("GET", "/api/push/vapid-public-key", null, null);
                assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
                vapidPublicKey = Stack.JSON.readTree(key.body()).get("publicKey").asString();
            }
            return vapidPublicKey;
        }

        static Map<String, Object> subscription(PushDevice device, String deviceId, UUID org) {
            return Map.of("endpoint", device.endpoint(), "keys", Map.of("p256dh", device.p256dh(), "auth", device.auth()),
                    "deviceId", deviceId, "orgId", org);
        }

        /** {@code POST /api/me/push-subscriptions} as the browser's app does after {@code PushManager.subscribe()}. */
        void subscribe(Person session, PushDevice device, String deviceId) {
            HttpResponse<String> subscribed = stack.call("POST", "/api/me/push-subscriptions", session, subscription(device, deviceId, org));
            assertThat(subscribed.statusCode()).as(subscribed.body()).isIn(200, 201);
            JsonNode body = Stack.JSON.readTree(subscribed.body());
            assertThat(body.get("orgId").asString()).isEqualTo(org.toString());
            assertThat(body.get("deviceId").asString()).isEqualTo(deviceId);
        }

        /** The session's live stream of the org, once it is open (it starts with the unread count). */
        LiveStream openStream(Person session) {
            LiveStream stream = LiveStream.open(gateway, session.token(), org);
            try {
                stream.awaitOpen(PATIENCE);
                return stream;
            } catch (RuntimeException | AssertionError e) {
                stream.close();
                throw e;
            }
        }

        /** A conversation of the agent's client opened by a channel integration on conversations.inbound.v1. */
        void open(Agent agent, String externalId) {
            events.publish(Events.envelope(EventCatalog.CONVERSATION_OPENED, org, new ConversationOpened(org, externalId, portal, null,
                    agent.client(), "SMS", "Jordan Rivera", "Where is my order?", Instant.now().truncatedTo(ChronoUnit.MILLIS))));
        }

        /** Opens it and waits until routing-service shows it assigned to the agent; answers its id. */
        UUID openAndAwaitAssigned(Agent agent, String externalId) {
            open(agent, externalId);
            Person owner = owner();
            UUID[] found = new UUID[1];
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
                HttpResponse<String> page = stack.call("GET", "/api/orgs/" + org + "/portals/" + portal + "/conversations?limit=200", owner, null);
                if (page.statusCode() != 200) {
                    return false;
                }
                for (JsonNode conversation : Stack.JSON.readTree(page.body()).get("items")) {
                    if (conversation.get("externalId").asString().equals(externalId) && "ASSIGNED".equals(conversation.get("status").asString())) {
                        assertThat(conversation.get("assigneeId").asString()).as(externalId + "'s assignee").isEqualTo(agent.id().toString());
                        found[0] = UUID.fromString(conversation.get("id").asString());
                        return true;
                    }
                }
                return false;
            });
            return found[0];
        }

        Expected expected(UUID workId, String externalId) {
            return new Expected(workId, externalId, "/orgs/" + org + "/portals/" + portal + "/conversations/" + workId);
        }

        /** {@code GET /api/me/notifications?orgId=…} plus {@code query}. */
        JsonNode bell(Person session, String query) {
            HttpResponse<String> page = stack.call("GET", "/api/me/notifications?orgId=" + org + query, session, null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            return Stack.JSON.readTree(page.body());
        }

        long unreadCount(Person session) {
            HttpResponse<String> count = stack.call("GET", "/api/me/notifications/unread-count?orgId=" + org, session, null);
            assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
            return Stack.JSON.readTree(count.body()).get("unread").asLong();
        }

        void awaitInBell(Person session, Expected expected) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() ->
                    StreamSupport.stream(bell(session, "").get("items").spliterator(), false)
                            .anyMatch(n -> n.get("url").asString().equals(expected.url())));
        }

        @Override
        public void close() {
            events.close();
        }
    }

    /** The {@code sid} claim of a session's access token. */
    static final class SessionIds {
        static String of(Person session) {
            return Stack.JSON.readTree(Base64.getUrlDecoder().decode(session.token().split("\\.")[1])).path("sid").asString();
        }
    }

    /**
     * {@code GET /api/me/notifications/stream} through the gateway, read line by line as it arrives (java.net.http),
     * parsed as server-sent events; each event keeps the moment its blank line arrived.
     */
    static final class LiveStream implements AutoCloseable {

        private static final HttpClient SSE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();

        record Event(String id, String type, String data, Instant at) {
        }

        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<String> otherLines = new CopyOnWriteArrayList<>();
        final AtomicBoolean ended = new AtomicBoolean();
        volatile int status;
        private volatile Flow.Subscription subscription;
        private final CompletableFuture<HttpResponse<Void>> response;
        // the event being read (onNext calls are serialized)
        private String id;
        private String type;
        private final StringBuilder data = new StringBuilder();
        private boolean hasData;

        private LiveStream(URI gateway, String token, UUID org) {
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/me/notifications/stream?orgId=" + org))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
            Flow.Subscriber<String> lines = new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(String line) {
                    line(line);
                }

                @Override
                public void onError(Throwable failure) {
                    ended.set(true);
                }

                @Override
                public void onComplete() {
                    ended.set(true);
                }
            };
            response = SSE.sendAsync(request, info -> {
                status = info.statusCode();
                return HttpResponse.BodySubscribers.fromLineSubscriber(lines);
            });
            response.whenComplete((done, failure) -> ended.set(true));
        }

        static LiveStream open(URI gateway, String token, UUID org) {
            return new LiveStream(gateway, token, org);
        }

        private void line(String line) {
            if (line.isEmpty()) {
                if (hasData || type != null) {
                    events.add(new Event(id, type == null ? "message" : type, data.toString(), Instant.now()));
                }
                id = null;
                type = null;
                data.setLength(0);
                hasData = false;
                return;
            }
            if (line.startsWith(":")) {
                return; // a comment: the heartbeat
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> type = value;
                case "data" -> {
                    if (hasData) {
                        data.append('\n');
                    }
                    data.append(value);
                    hasData = true;
                }
                case "retry" -> {
                }
                default -> otherLines.add(line);
            }
        }

        /** Waits for the first event (the unread count the stream starts with); fails if the stream was refused. */
        void awaitOpen(Duration timeout) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> !events.isEmpty() || ended.get());
            assertThat(status).as("the stream's status; " + otherLines).isEqualTo(200);
            assertThat(events).as("the stream's first event").isNotEmpty();
            assertThat(events.getFirst().type()).isEqualTo("unread-count");
        }

        List<JsonNode> notifications() {
            return events.stream().filter(e -> e.type().equals("notification")).map(e -> Stack.JSON.readTree(e.data())).toList();
        }

        long lastUnreadCount() {
            List<Event> counts = new ArrayList<>(events.stream().filter(e -> e.type().equals("unread-count")).toList());
            assertThat(counts).as("unread counts on the stream").isNotEmpty();
            return Stack.JSON.readTree(counts.getLast().data()).get("unread").asLong();
        }

        JsonNode awaitNotification(String url, Duration timeout) {
            await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> notifications().stream().anyMatch(n -> url.equals(n.path("url").asString())));
            List<JsonNode> matching = notifications().stream().filter(n -> url.equals(n.path("url").asString())).toList();
            assertThat(matching).as("notifications on the stream for " + url).hasSize(1);
            return matching.getFirst();
        }

        String eventIdOf(String url) {
            return events.stream().filter(e -> e.type().equals("notification") && url.equals(Stack.JSON.readTree(e.data()).path("url").asString()))
                    .map(Event::id).findFirst().orElseThrow();
        }

        @Override
        public void close() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            response.cancel(true);
        }
    }
}
