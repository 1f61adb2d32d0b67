package io.switchboard.notification.inapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.identity.SessionEnded;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.org.OrganizationCreated;
import io.switchboard.events.portal.PortalCreated;
import io.switchboard.events.routing.WorkAssigned;
import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.events.org.OwnershipTransferRequested;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.events.routing.CustomerRepliedToAssignee;
import io.switchboard.events.routing.LeadAssigned;
import io.switchboard.events.routing.WorkUnassigned;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.SignedInUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The in-app half end to end on the real servers: events published on the real Kafka topics as their owners
 * would, notifications in the real PostgreSQL, the API and the live stream called over HTTP with real Keycloak
 * tokens. Each test makes its own organization.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its listeners must not outlive the class (the topics are shared)
class InAppNotificationsTest {

    private static final String GROUP = "notification-service-inapp-test-" + UUID.randomUUID();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static final Events EVENTS = Events.onSharedBroker();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, SignedInUser> PEOPLE = new ConcurrentHashMap<>();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, "notification_service_inapp");
        RealServers.registerKeycloak(registry);
        registry.add("spring.kafka.consumer.group-id", () -> GROUP);
        registry.add("spring.mail.host", () -> RealServers.smtp().host());
        registry.add("spring.mail.port", () -> RealServers.smtp().smtpPort());
        registry.add("switchboard.notifications.heartbeat", () -> "2s");
    }

    @LocalServerPort int port;
    @Autowired DatabaseClient db;
    @Autowired LiveStreams liveStreams;

    /** A Keycloak account made once per run, signed in once (the class runs well within a token's life). */
    private static SignedInUser person(String name) {
        return PEOPLE.computeIfAbsent(name, n -> {
            String email = "inapp-" + n + "-" + RUN + "@acme.test";
            String password = n + "-pass-" + RUN;
            RealServers.keycloak().createUser(email, password, "Inapp", n);
            return SignedInUser.signIn(email, password);
        });
    }

    private record Org(UUID id, UUID portal, UUID otherPortal) {
    }

    /** An org with two portals and the people as members, as org-service and portal-service announce them. */
    private Org newOrg(SignedInUser... members) {
        UUID org = UUID.randomUUID();
        UUID portal = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        EVENTS.publish(EventCatalog.ORGANIZATION_CREATED, org, new OrganizationCreated(org, "Acme " + RUN, "FREE_TRIAL", members[0].id()));
        for (SignedInUser member : members) {
            EVENTS.publish(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, member.id(), "AGENT", "Agent " + member.email(), member.email(),
                    List.of(), null));
        }
        EVENTS.publish(EventCatalog.PORTAL_CREATED, org, new PortalCreated(org, portal, "Sales Portal", null, null, true));
        EVENTS.publish(EventCatalog.PORTAL_CREATED, org, new PortalCreated(org, other, "Support", null, null, false));
        await().atMost(PATIENCE).until(() -> count("select count(*) from notify_portal_names where org_id = :org", org) == 2
                && count("select count(*) from notify_people where org_id = :org", org) == members.length);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> unread(members[0], org, null) == 0);
        return new Org(org, portal, other);
    }

    private static WorkAssigned assignment(Org org, UUID portal, UUID workId, SignedInUser to) {
        return new WorkAssigned(org.id(), "CONVERSATION", workId, "twilio:" + workId.toString().substring(0, 8), portal, null, UUID.randomUUID(),
                "SMS", to.id(), null, "AUTO", null, 1, 3, 150, Instant.now());
    }

    private Events.Envelope assign(Org org, UUID portal, UUID workId, SignedInUser to) {
        return EVENTS.publish(EventCatalog.ROUTING_CONVERSATION_ASSIGNED, org.id(), assignment(org, portal, workId, to));
    }

    private long count(String sql, UUID org) {
        return db.sql(sql).bind("org", org).map(row -> row.get(0, Long.class)).one().block();
    }

    private long notifications(SignedInUser person, UUID org) {
        return db.sql("select count(*) from notifications where org_id = :org and user_id = :user").bind("org", org).bind("user", person.id())
                .map(row -> row.get(0, Long.class)).one().block();
    }

    private WebClient client(SignedInUser person) {
        return WebClient.builder().baseUrl("http://127.0.0.1:" + port).defaultHeader(HttpHeaders.AUTHORIZATION, person.bearer()).build();
    }

    private JsonNode get(SignedInUser person, String uri) {
        return JSON.readTree(client(person).get().uri(uri).retrieve().bodyToMono(String.class).block(PATIENCE));
    }

    private long unread(SignedInUser person, UUID org, UUID portal) {
        return get(person, "/api/me/notifications/unread-count?orgId=" + org + (portal != null ? "&portalId=" + portal : "")).get("unread").asLong();
    }

    private int status(SignedInUser person, String method, String uri) {
        try {
            client(person).method(HttpMethod.valueOf(method)).uri(uri).retrieve().toBodilessEntity().block(PATIENCE);
            return 200;
        } catch (WebClientResponseException e) {
            return e.getStatusCode().value();
        }
    }

    /** An open live stream and what it received. */
    private final class Stream implements AutoCloseable {
        final List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        final AtomicBoolean ended = new AtomicBoolean();
        private final Disposable subscription;

        Stream(SignedInUser person, UUID org, UUID portal, Long lastEventId) {
            subscription = client(person).get()
                    .uri("/api/me/notifications/stream?orgId=" + org + (portal != null ? "&portalId=" + portal : ""))
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .headers(h -> {
                        if (lastEventId != null) {
                            h.set("Last-Event-ID", Long.toString(lastEventId));
                        }
                    })
                    .retrieve()
                    .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                    .doFinally(signal -> ended.set(true))
                    .subscribe(received::add, failed -> { });
            // open once the first unread count arrived: from then on nothing stored is missed
            await().atMost(PATIENCE).until(() -> !unreadCounts().isEmpty());
        }

        List<JsonNode> notifications() {
            return received.stream().filter(e -> "notification".equals(e.event())).map(e -> {
                JsonNode data = JSON.readTree(e.data());
                assertThat(e.id()).as("a notification event's id is its seq").isEqualTo(data.get("seq").asString());
                return data;
            }).toList();
        }

        List<Long> unreadCounts() {
            return received.stream().filter(e -> "unread-count".equals(e.event())).map(e -> JSON.readTree(e.data()).get("unread").asLong()).toList();
        }

        @Override
        public void close() {
            subscription.dispose();
        }
    }

    @Test
    void anAssignment_reachesTheListAndAnOpenStream_onceHoweverOftenItArrives() {
        SignedInUser ana = person("ana");
        Org org = newOrg(ana);
        try (Stream stream = new Stream(ana, org.id(), null, null)) {
            UUID work = UUID.randomUUID();
            Events.Envelope event = EVENTS.publish(Events.envelope(EventCatalog.ROUTING_CONVERSATION_ASSIGNED, org.id(), assignment(org, org.portal(), work, ana)));
            EVENTS.publish(event); // the same event again
            // a later event on the same partition: once it is in, the repeat has been consumed too
            UUID later = UUID.randomUUID();
            assign(org, org.portal(), later, ana);

            await().atMost(PATIENCE).until(() -> stream.notifications().size() >= 2);
            JsonNode first = stream.notifications().getFirst();
            assertThat(first.get("title").asString()).isEqualTo("New conversation assigned");
            assertThat(first.get("body").asString()).isEqualTo("SMS · Sales Portal · twilio:" + work.toString().substring(0, 8));
            assertThat(first.get("url").asString()).isEqualTo("/orgs/" + org.id() + "/portals/" + org.portal() + "/conversations/" + work);
            assertThat(first.get("urgency").asString()).isEqualTo("high");
            assertThat(first.get("portalId").asString()).isEqualTo(org.portal().toString());
            assertThat(first.get("read").asBoolean()).isFalse();

            JsonNode list = get(ana, "/api/me/notifications?orgId=" + org.id());
            assertThat(list.get("items")).hasSize(2);
            assertThat(list.get("items").get(0).get("url").asString()).endsWith(later.toString()); // newest first
            assertThat(list.get("items").get(1).get("id").asString()).isEqualTo(first.get("id").asString());
            assertThat(notifications(ana, org.id())).as("the repeated event made no second notification").isEqualTo(2);
            assertThat(stream.notifications()).hasSize(2);
            await().atMost(PATIENCE).until(() -> stream.unreadCounts().getLast() == 2);

            // marking read: the list says so, the count drops, and the stream hears the new count
            String id = first.get("id").asString();
            JsonNode read = JSON.readTree(client(ana).post().uri("/api/me/notifications/" + id + "/read").retrieve().bodyToMono(String.class).block(PATIENCE));
            assertThat(read.get("read").asBoolean()).isTrue();
            assertThat(unread(ana, org.id(), null)).isEqualTo(1);
            await().atMost(PATIENCE).until(() -> stream.unreadCounts().getLast() == 1);
            assertThat(get(ana, "/api/me/notifications?orgId=" + org.id() + "&unread=true").get("items")).hasSize(1);

            JsonNode all = JSON.readTree(client(ana).post().uri("/api/me/notifications/read-all?orgId=" + org.id()).retrieve().bodyToMono(String.class).block(PATIENCE));
            assertThat(all.get("marked").asLong()).isEqualTo(1);
            assertThat(unread(ana, org.id(), null)).isZero();
        }
    }

    @Test
    void someoneElsesNotification_andAnOrgOneIsNoMemberOf_are404() {
        SignedInUser ana = person("ana");
        SignedInUser ben = person("ben");
        Org org = newOrg(ana, ben);
        Org anasOnly = newOrg(ana);
        assign(org, org.portal(), UUID.randomUUID(), ana);
        await().atMost(PATIENCE).until(() -> notifications(ana, org.id()) == 1);
        String anasId = get(ana, "/api/me/notifications?orgId=" + org.id()).get("items").get(0).get("id").asString();

        assertThat(status(ben, "POST", "/api/me/notifications/" + anasId + "/read")).isEqualTo(404);
        assertThat(get(ben, "/api/me/notifications?orgId=" + org.id()).get("items")).isEmpty();
        assertThat(status(ben, "GET", "/api/me/notifications?orgId=" + anasOnly.id())).isEqualTo(404);
        assertThat(status(ben, "GET", "/api/me/notifications/stream?orgId=" + anasOnly.id())).isEqualTo(404);
        assertThat(status(ana, "GET", "/api/me/notifications?orgId=" + org.id() + "&portalId=" + anasOnly.portal()))
                .as("a portal of another org").isEqualTo(404);
        assertThat(unread(ana, org.id(), null)).isEqualTo(1);
    }

    /** Issue 11, Done when 5, at the service's level. */
    @Test
    void aClientThatDropsItsStream_whileTwentyArrive_getsAllTwentyOnce_inOrder_onReconnectWithLastEventId() {
        SignedInUser ana = person("ana");
        Org org = newOrg(ana);
        long lastSeen;
        try (Stream stream = new Stream(ana, org.id(), null, null)) {
            assign(org, org.portal(), UUID.randomUUID(), ana);
            await().atMost(PATIENCE).until(() -> stream.notifications().size() == 1);
            lastSeen = stream.notifications().getFirst().get("seq").asLong();
        }
        List<UUID> works = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID work = UUID.randomUUID();
            works.add(work);
            assign(org, i % 2 == 0 ? org.portal() : org.otherPortal(), work, ana);
        }
        await().atMost(PATIENCE).until(() -> notifications(ana, org.id()) == 21);

        try (Stream again = new Stream(ana, org.id(), null, lastSeen)) {
            await().atMost(PATIENCE).until(() -> again.notifications().size() >= 20);
            // and live after the replay, without a gap
            UUID live = UUID.randomUUID();
            assign(org, org.portal(), live, ana);
            await().atMost(PATIENCE).until(() -> again.notifications().size() >= 21);

            List<JsonNode> received = again.notifications();
            assertThat(received).hasSize(21);
            List<String> urls = received.stream().map(n -> n.get("url").asString()).toList();
            for (int i = 0; i < 20; i++) {
                assertThat(urls.get(i)).endsWith("/conversations/" + works.get(i));
            }
            assertThat(urls.get(20)).endsWith("/conversations/" + live);
            List<Long> seqs = received.stream().map(n -> n.get("seq").asLong()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates().allMatch(seq -> seq > lastSeen);
        }
    }

    @Test
    void aPortalsView_showsOnlyThatPortals() {
        SignedInUser ana = person("ana");
        Org org = newOrg(ana);
        try (Stream salesOnly = new Stream(ana, org.id(), org.portal(), null)) {
            UUID inSupport = UUID.randomUUID();
            UUID inSales = UUID.randomUUID();
            assign(org, org.otherPortal(), inSupport, ana);
            assign(org, org.portal(), inSales, ana);
            await().atMost(PATIENCE).until(() -> notifications(ana, org.id()) == 2);
            await().atMost(PATIENCE).until(() -> !salesOnly.notifications().isEmpty());

            JsonNode sales = get(ana, "/api/me/notifications?orgId=" + org.id() + "&portalId=" + org.portal());
            assertThat(sales.get("items")).hasSize(1);
            assertThat(sales.get("items").get(0).get("url").asString()).endsWith(inSales.toString());
            JsonNode support = get(ana, "/api/me/notifications?orgId=" + org.id() + "&portalId=" + org.otherPortal());
            assertThat(support.get("items")).hasSize(1);
            assertThat(support.get("items").get(0).get("url").asString()).endsWith(inSupport.toString());
            assertThat(get(ana, "/api/me/notifications?orgId=" + org.id()).get("items")).hasSize(2);
            assertThat(unread(ana, org.id(), org.portal())).isEqualTo(1);
            assertThat(unread(ana, org.id(), null)).isEqualTo(2);
            assertThat(salesOnly.notifications()).singleElement()
                    .satisfies(n -> assertThat(n.get("url").asString()).endsWith(inSales.toString()));
        }
    }

    @Test
    void preferences_offForAPortal_nothing_pushOffOnly_inAppStaysWithoutPush() {
        SignedInUser ana = person("ana");
        Org org = newOrg(ana);
        JsonNode defaults = get(ana, "/api/me/notification-preferences?orgId=" + org.id() + "&portalId=" + org.portal());
        assertThat(defaults.get("push").asBoolean()).isTrue();
        assertThat(defaults.get("inApp").asBoolean()).isTrue();
        assertThat(defaults.get("source").asString()).isEqualTo("DEFAULT");

        JsonNode off = put(ana, "/api/me/notification-preferences?orgId=" + org.id() + "&portalId=" + org.portal(), "{\"push\":false,\"inApp\":false}");
        assertThat(off.get("source").asString()).isEqualTo("PORTAL");
        JsonNode orgWide = put(ana, "/api/me/notification-preferences?orgId=" + org.id(), "{\"push\":false,\"inApp\":true}");
        assertThat(orgWide.get("source").asString()).isEqualTo("ORG");
        assertThat(get(ana, "/api/me/notification-preferences?orgId=" + org.id() + "&portalId=" + org.otherPortal()).get("source").asString())
                .as("a portal without its own setting follows the org-wide one").isEqualTo("ORG");

        assign(org, org.portal(), UUID.randomUUID(), ana);       // both off: nothing
        UUID inSupport = UUID.randomUUID();
        assign(org, org.otherPortal(), inSupport, ana);          // org-wide: in-app only
        await().atMost(PATIENCE).until(() -> notifications(ana, org.id()) >= 1);
        // the Support event came after the Sales one on the same partition: the Sales one has been consumed
        assertThat(notifications(ana, org.id())).isEqualTo(1);
        Map<String, Object> row = db.sql("select portal_id, in_app, push_pending from notifications where org_id = :org").bind("org", org.id())
                .fetch().one().block();
        assertThat(row).containsEntry("portal_id", org.otherPortal()).containsEntry("in_app", true).containsEntry("push_pending", false);

        assertThat(status(ana, "PUT", "/api/me/notification-preferences?orgId=" + org.id())).as("no body").isEqualTo(400);
    }

    private JsonNode put(SignedInUser person, String uri, String body) {
        return JSON.readTree(client(person).put().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve()
                .bodyToMono(String.class).block(PATIENCE));
    }

    @Test
    void removal_sendsTheRemovalOnTheStreamAndClosesIt_notifiesAndMails_andTheOrgIsGoneForThem() {
        SignedInUser cleo = person("cleo");
        Org org = newOrg(cleo);
        try (Stream stream = new Stream(cleo, org.id(), null, null)) {
            EVENTS.publish(EventCatalog.MEMBER_REMOVED, org.id(), new MemberRemoved(org.id(), cleo.id()));

            await().atMost(PATIENCE).untilTrue(stream.ended);
            assertThat(stream.notifications()).as("the stream sends the removal before it closes")
                    .extracting(n -> n.get("kind").asString()).containsExactly("MEMBER_REMOVED");
            Map<String, Object> notification = db.sql("select kind, title, portal_id from notifications where org_id = :org and user_id = :user")
                    .bind("org", org.id()).bind("user", cleo.id()).fetch().one().block();
            assertThat(notification).containsEntry("kind", "MEMBER_REMOVED").containsEntry("title", "Removed from Acme " + RUN);
            assertThat(notification.get("portal_id")).isNull();
            Map<String, Object> mail = db.sql("select kind, recipient, subject from email_deliveries where org_id = :org").bind("org", org.id())
                    .fetch().one().block();
            assertThat(mail).containsEntry("kind", "member-removed").containsEntry("recipient", cleo.email())
                    .containsEntry("subject", "You were removed from Acme " + RUN);
            await().atMost(PATIENCE).until(() -> status(cleo, "GET", "/api/me/notifications?orgId=" + org.id()) == 404);
        }
    }

    @Test
    void eachKindOfEvent_becomesItsNotification_forThePersonItConcerns() {
        SignedInUser ana = person("ana");
        SignedInUser ben = person("ben");
        Org org = newOrg(ana, ben);
        UUID conversation = UUID.randomUUID();
        UUID lead = UUID.randomUUID();
        Instant now = Instant.now();
        EVENTS.publish(EventCatalog.ROUTING_LEAD_ASSIGNED, org.id(), new LeadAssigned(org.id(), lead, "webform:77", org.portal(), null,
                UUID.randomUUID(), "web-form", "new", ana.id(), null, "AUTO", null, 1, null, now, 10, now));
        EVENTS.publish(EventCatalog.ROUTING_CUSTOMER_REPLIED, org.id(), new CustomerRepliedToAssignee(org.id(), conversation, "chat:9",
                org.portal(), "LIVE_CHAT", ana.id(), "Where is my parcel?", now));
        EVENTS.publish(EventCatalog.ROUTING_CONVERSATION_REROUTED, org.id(), new WorkUnassigned(org.id(), "CONVERSATION", conversation,
                org.portal(), null, "LIVE_CHAT", ana.id(), "AWAY_TOO_LONG", null, now));
        EVENTS.publish(EventCatalog.ROUTING_LEAD_UNASSIGNED, org.id(), new WorkUnassigned(org.id(), "LEAD", lead, org.portal(), null, null,
                ana.id(), "MANUAL", ben.id(), now));
        EVENTS.publish(EventCatalog.AVAILABILITY_CHANGED, org.id(), new AvailabilityChanged(org.id(), org.otherPortal(), ana.id(), false, null,
                ben.id(), now, "TOGGLED"));
        EVENTS.publish(EventCatalog.AVAILABILITY_CHANGED, org.id(), new AvailabilityChanged(org.id(), org.portal(), ana.id(), true, null,
                ana.id(), now, "TOGGLED")); // her own doing: nothing
        EVENTS.publish(EventCatalog.MEMBER_ROLE_CHANGED, org.id(), new MemberRoleChanged(org.id(), ana.id(), "AGENT", "MANAGER"));
        UUID transfer = UUID.randomUUID();
        EVENTS.publish(EventCatalog.OWNERSHIP_TRANSFER_REQUESTED, org.id(), new OwnershipTransferRequested(org.id(), transfer, ben.id(), ana.id(),
                Instant.parse("2030-01-02T10:00:00Z")));

        await().atMost(PATIENCE).until(() -> notifications(ana, org.id()) == 7);
        Map<String, String> titles = new java.util.HashMap<>();
        Map<String, String> bodies = new java.util.HashMap<>();
        get(ana, "/api/me/notifications?orgId=" + org.id()).get("items").forEach(n -> {
            titles.put(n.get("kind").asString(), n.get("title").asString());
            bodies.put(n.get("kind").asString(), n.get("body").asString());
        });
        assertThat(titles).containsOnlyKeys("LEAD_ASSIGNED", "CUSTOMER_REPLIED", "CONVERSATION_REROUTED", "LEAD_REROUTED", "AVAILABILITY_CHANGED",
                "ROLE_CHANGED", "OWNERSHIP_OFFERED");
        assertThat(bodies.get("LEAD_ASSIGNED")).isEqualTo("Web form · Sales Portal · webform:77");
        assertThat(titles.get("CUSTOMER_REPLIED")).isEqualTo("Customer replied · Live chat · Sales Portal · chat:9");
        assertThat(bodies.get("CUSTOMER_REPLIED")).isEqualTo("Where is my parcel?");
        assertThat(bodies.get("CONVERSATION_REROUTED")).isEqualTo("You were away too long, so it was routed to someone else · Live chat · Sales Portal");
        assertThat(bodies.get("LEAD_REROUTED")).isEqualTo("A manager unassigned it from you · Sales Portal");
        assertThat(titles.get("AVAILABILITY_CHANGED")).isEqualTo("You were set away");
        assertThat(bodies.get("AVAILABILITY_CHANGED")).isEqualTo("Support · by Agent " + ben.email());
        assertThat(bodies.get("ROLE_CHANGED")).isEqualTo("You are now Manager (was Agent) in Acme " + RUN);
        assertThat(bodies.get("OWNERSHIP_OFFERED")).isEqualTo("Agent " + ben.email() + " wants to make you the owner of Acme " + RUN
                + ". Accept by 2 Jan 2030.");
        assertThat(notifications(ben, org.id())).as("nothing concerned ben").isZero();
    }

    /** A sign-out or removal consumed by another instance reaches this one's streams through PostgreSQL. */
    @Test
    void aCloseAnnouncedByAnotherInstance_closesTheStreamHere() {
        SignedInUser dan = person("dan");
        Org org = newOrg(dan);
        try (Stream stream = new Stream(dan, org.id(), null, null)) {
            db.sql("select 1 from (select pg_notify('live_stream_close', :payload)) n").bind("payload", "member:" + org.id() + ":" + dan.id())
                    .map(row -> 1).all().blockLast(PATIENCE);

            await().atMost(PATIENCE).untilTrue(stream.ended);
        }
    }

    @Test
    void theEndOfTheSession_closesTheStreamsItsTokenOpened() {
        SignedInUser dan = person("dan");
        Org org = newOrg(dan);
        String sid = dan.claims().path("sid").asString(null);
        assertThat(sid).as("Keycloak puts the session id in access tokens").isNotNull();
        try (Stream stream = new Stream(dan, org.id(), null, null)) {
            liveStreams.closeSession(SessionEnded.hashOf("another-session"));
            assertThat(stream.ended).isFalse();

            liveStreams.closeSession(SessionEnded.hashOf(sid));

            await().atMost(PATIENCE).untilTrue(stream.ended);
        }
    }

    /** Status and body of a request, whatever the status. */
    private Map.Entry<Integer, String> answer(SignedInUser person, HttpMethod method, String uri, MediaType accept, String json) {
        var request = client(person).method(method).uri(uri).accept(accept);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(json);
        }
        return request.exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("")
                .map(body -> Map.entry(r.statusCode().value(), body))).block(PATIENCE);
    }

    @Test
    void aSignedOutSessionsStillValidToken_isRefused401SessionEnded_byTheList_theStream_andSubscribing() {
        SignedInUser eve = person("eve-signed-out");
        Org org = newOrg(eve);
        String sid = eve.claims().path("sid").asString(null);
        try (Stream stream = new Stream(eve, org.id(), null, null)) {
            EVENTS.publish(EventCatalog.SESSION_ENDED, eve.id(), new SessionEnded(eve.id(), SessionEnded.hashOf(sid), null, Instant.now()));
            await().atMost(PATIENCE).untilTrue(stream.ended);
        }
        await().atMost(PATIENCE).until(() -> status(eve, "GET", "/api/me/notifications?orgId=" + org.id()) == 401);

        var list = answer(eve, HttpMethod.GET, "/api/me/notifications?orgId=" + org.id(), MediaType.APPLICATION_JSON, null);
        var stream = answer(eve, HttpMethod.GET, "/api/me/notifications/stream?orgId=" + org.id(), MediaType.TEXT_EVENT_STREAM, null);
        var subscribe = answer(eve, HttpMethod.POST, "/api/me/push-subscriptions", MediaType.APPLICATION_JSON, """
                {"endpoint":"https://push.example.test/x","keys":{"p256dh":"k","auth":"a"},"deviceId":"eve-phone","orgId":"%s"}""".formatted(org.id()));
        for (var refused : List.of(list, stream, subscribe)) {
            assertThat(refused.getKey()).isEqualTo(401);
            assertThat(JSON.readTree(refused.getValue()).get("type").asString()).isEqualTo("https://switchboard.dev/problems/session-ended");
        }
        assertThat(db.sql("select count(*) from ended_sessions where session_hash = :hash").bind("hash", SessionEnded.hashOf(sid))
                .map(row -> row.get(0, Long.class)).one().block()).isEqualTo(1);
    }
}
