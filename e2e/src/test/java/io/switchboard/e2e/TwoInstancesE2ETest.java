package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.e2e.NotificationE2ETest.Desk;
import io.switchboard.e2e.NotificationE2ETest.LiveStream;
import io.switchboard.e2e.Stack.Person;
import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.events.conversation.ConversationEnded;
import io.switchboard.events.conversation.ConversationOpened;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.push.PushDevice;
import io.switchboard.testing.push.ReceivedPush;
import io.switchboard.testing.push.TestPushService;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13: the deployment shape of {@code ./switchboard start --instances 2}. Two instances of every service and two
 * gateways (each balancing between both instances of each service) on one PostgreSQL, Kafka and Keycloak, and what
 * must still hold there:
 * <ul>
 *   <li>routing's invariant under concurrent opens and closes through both gateways and from the inbound topic (no
 *       agent over capacity, sampled during the run and checked at its end; no conversation opened twice or assigned
 *       twice), and both outbox relays publishing every routing event exactly once;</li>
 *   <li>the revocation figure: from a removal until both gateways refuse the removed member's token;</li>
 *   <li>SSE and push fan-out: a person's streams held by each notification-service instance directly, and a device
 *       subscribed on each, all get the notification once, though only one instance consumed its event;</li>
 *   <li>the membership projections of every instance agree after joins and a removal;</li>
 *   <li>rate limits are counted per gateway instance, as docs/api.md says.</li>
 * </ul>
 * The figures are printed with the prefix {@code [two-instances]}; docs/BENCHMARKS.md keeps them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesE2ETest {

    static final String PASSWORD = "two-instances-pass";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final int AGENTS = 4;
    static final int CAPACITY = 2;
    static final int HTTP_OPENS = Integer.getInteger("two.opens", 160);
    static final int KAFKA_OPENS = Integer.getInteger("two.kafka-opens", 40);
    static final int REMOVALS = Integer.getInteger("two.removals", 20);

    static Stack stack;
    static Desk desk;
    static long startedMillis;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        stack = Stack.twoInstances();
        startedMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("[two-instances] 2 instances of 5 services and 2 gateways ready in %.1f s%n", startedMillis / 1000.0);
        desk = Desk.create(stack, "two");
    }

    @AfterAll
    static void stop() {
        if (desk != null) {
            desk.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ routing

    @Test
    @Order(1)
    void routing_concurrentOpensAndClosesThroughBothGatewaysAndKafka_neverPutAnAgentOverCapacity_norAssignTwice_andEachEventIsPublishedOnce()
            throws Exception {
        List<Desk.Agent> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            agents.add(desk.newAgent("Router" + i));
        }
        // one client every agent takes SMS of (capacity 2 each): every conversation competes for the same 8 places
        Person owner = desk.owner();
        UUID client = UUID.fromString(Stack.JSON.readTree(expect(stack.call("POST", "/api/orgs/" + desk.org + "/clients", owner,
                Map.of("name", "Shared " + desk.suffix)), 201)).get("id").asString());
        for (Desk.Agent agent : agents) {
            Map<String, Object> profile = new HashMap<>(Map.of("channels", Map.of("SMS", CAPACITY), "clients",
                    Map.of(agent.client().toString(), List.of("SMS"), client.toString(), List.of("SMS"))));
            profile.put("leadCapacity", null);
            expect(stack.call("PUT", "/api/orgs/" + desk.org + "/members/" + agent.id() + "/routing-profile", owner, profile), 200);
        }
        long seed = Long.getLong("two.seed", System.nanoTime());
        System.out.println("[two-instances] routing run seed " + seed + " (repeat with -Dtwo.seed=" + seed + ")");
        Random random = new Random(seed);
        String tag = Long.toHexString(random.nextLong());

        try (Connection routingDb = DashboardConsistencyE2ETest.connect(stack.database("routing-service"));
             Events events = Events.onSharedBroker()) {
            AtomicBoolean running = new AtomicBoolean(true);
            List<String> overCapacitySeen = new CopyOnWriteArrayList<>();
            AtomicInteger samples = new AtomicInteger();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                try (Connection db = DashboardConsistencyE2ETest.connect(stack.database("routing-service"))) {
                    while (running.get()) {
                        overCapacitySeen.addAll(overCapacity(db, desk.org));
                        samples.incrementAndGet();
                        Thread.sleep(50);
                    }
                } catch (Exception e) {
                    overCapacitySeen.add("sampler failed: " + e);
                }
            });

            long t0 = System.nanoTime();
            Set<String> opened = ConcurrentHashMap.newKeySet();
            List<UUID> closable = Collections.synchronizedList(new ArrayList<>());
            Map<String, Integer> answers = new TreeMap<>();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger closes = new AtomicInteger();
            AtomicInteger duplicates = new AtomicInteger();
            ExecutorService openers = Executors.newFixedThreadPool(4);
            List<CompletableFuture<Void>> work = new ArrayList<>();
            // three openers over HTTP, each request through one gateway or the other; now and then the same conversation
            // through both at once (the channel retrying); after most opens a random open conversation is closed
            for (int t = 0; t < 3; t++) {
                Random own = new Random(random.nextLong());
                work.add(CompletableFuture.runAsync(() -> {
                    for (int n = next.getAndIncrement(); n < HTTP_OPENS; n = next.getAndIncrement()) {
                        String externalId = "two:" + tag + "-" + n;
                        opened.add(externalId);
                        Map<String, Object> request = Map.of("portalId", desk.portal, "clientId", client, "channel", "SMS",
                                "externalId", externalId, "customerName", "Customer " + n, "subject", "Help");
                        String path = "/api/orgs/" + desk.org + "/conversations";
                        int gateway = own.nextInt(2);
                        List<HttpResponse<String>> responses = new ArrayList<>();
                        if (own.nextInt(10) == 0) {
                            duplicates.incrementAndGet();
                            CompletableFuture<HttpResponse<String>> other = CompletableFuture.supplyAsync(() ->
                                    stack.call(1 - gateway, "POST", path, owner, request));
                            responses.add(stack.call(gateway, "POST", path, owner, request));
                            responses.add(other.join());
                        } else {
                            responses.add(stack.call(gateway, "POST", path, owner, request));
                        }
                        for (HttpResponse<String> r : responses) {
                            count(answers, "open -> " + r.statusCode());
                        }
                        responses.stream().filter(r -> r.statusCode() == 201).findFirst()
                                .ifPresent(r -> closable.add(UUID.fromString(Stack.JSON.readTree(r.body()).get("id").asString())));
                        if (own.nextInt(100) < 70 && !closable.isEmpty()) {
                            UUID id;
                            synchronized (closable) {
                                id = closable.isEmpty() ? null : closable.remove(own.nextInt(closable.size()));
                            }
                            if (id != null) {
                                HttpResponse<String> closed = stack.call(own.nextInt(2), "POST", "/api/orgs/" + desk.org + "/conversations/" + id + "/close",
                                        owner, null);
                                count(answers, "close -> " + closed.statusCode());
                                closes.incrementAndGet();
                            }
                        }
                    }
                }, openers));
            }
            // the channel integrations: opens and ends on conversations.inbound.v1, taken by whichever instance holds the partition
            List<String> endedOverKafka = Collections.synchronizedList(new ArrayList<>());
            Random channel = new Random(random.nextLong());
            work.add(CompletableFuture.runAsync(() -> {
                List<String> open = new ArrayList<>();
                for (int n = 0; n < KAFKA_OPENS; n++) {
                    String externalId = "two-chan:" + tag + "-" + n;
                    opened.add(externalId);
                    events.publish(Events.envelope(EventCatalog.CONVERSATION_OPENED, desk.org, new ConversationOpened(desk.org, externalId, desk.portal,
                            null, client, "SMS", "Channel customer " + n, "Help", Instant.now().truncatedTo(ChronoUnit.MILLIS))));
                    open.add(externalId);
                    if (channel.nextInt(100) < 60) {
                        String ending = open.remove(channel.nextInt(open.size()));
                        events.publish(Events.envelope(EventCatalog.CONVERSATION_ENDED, desk.org, new ConversationEnded(desk.org, ending, Instant.now())));
                        endedOverKafka.add(ending);
                    }
                }
            }, openers));
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
            openers.shutdown();
            long runMillis = (System.nanoTime() - t0) / 1_000_000;

            // quiet: every conversation known to routing, those ended on the channel closed, both outboxes drained
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() ->
                    count(routingDb, "select count(*) from work_items where org_id = ? and external_id like 'two%'", desk.org) == opened.size()
                            && closedAmong(routingDb, desk.org, endedOverKafka) == endedOverKafka.size()
                            && count(routingDb, "select count(*) from outbox where event_key = ? and sent_at is null", desk.org.toString()) == 0);
            running.set(false);
            sampler.join(5000);

            Map<String, Integer> states = new TreeMap<>();
            query(routingDb, "select status, count(*) from work_items where org_id = ? and external_id like 'two%' group by status", desk.org,
                    rs -> states.put(rs.getString(1), rs.getInt(2)));
            List<String> overAtEnd = overCapacity(routingDb, desk.org);
            int freePlaces = count(routingDb, """
                    select coalesce(sum(greatest(a.capacity - (select count(*) from work_items w where w.org_id = a.org_id and w.assignee_id = a.user_id
                        and w.channel = a.channel and w.status = 'ASSIGNED'), 0)), 0)
                    from agent_channels a where a.org_id = ? and a.channel = 'SMS'""", desk.org);

            // routing.assignments.v1 for this org, against routing's outbox rows for it
            List<ConsumerRecord<String, String>> records = events.records(Topics.ROUTING_ASSIGNMENTS).stream()
                    .filter(r -> desk.org.toString().equals(r.key())).toList();
            List<String> published = records.stream().map(Events::eventId).toList();
            Set<String> outboxRows = new HashSet<>();
            query(routingDb, "select event_id from outbox where topic = '" + Topics.ROUTING_ASSIGNMENTS + "' and event_key = ?", desk.org.toString(),
                    rs -> outboxRows.add(rs.getString(1)));
            Map<String, Long> assignedPerWork = records.stream().map(r -> Stack.JSON.readTree(r.value()))
                    .filter(e -> e.get("type").asString().equals(EventCatalog.ROUTING_CONVERSATION_ASSIGNED.name()))
                    .filter(e -> e.get("data").get("externalId").asString().startsWith("two"))
                    .collect(Collectors.groupingBy(e -> e.get("data").get("workId").asString(), Collectors.counting()));
            List<String> assignedOverCapacity = records.stream().map(r -> Stack.JSON.readTree(r.value()))
                    .filter(e -> e.get("type").asString().equals(EventCatalog.ROUTING_CONVERSATION_ASSIGNED.name()))
                    .map(JsonNode::toString).filter(e -> {
                        JsonNode data = Stack.JSON.readTree(e).get("data");
                        return data.get("openOnChannel").asInt() > data.get("capacity").asInt();
                    }).toList();

            System.out.printf("[two-instances] routing invariant: %d conversations (%d over HTTP through both gateways, %d of them sent through both at once;"
                            + " %d from Kafka), %d HTTP closes, %d Kafka ends, %d agents of capacity %d, in %.1f s; %d capacity samples, over capacity: %d;"
                            + " end: %s, free places left %d; %d assignment events, %d events on the topic for %d outbox rows; answers %s%n",
                    opened.size(), HTTP_OPENS, duplicates.get(), KAFKA_OPENS, closes.get(), endedOverKafka.size(), AGENTS, CAPACITY, runMillis / 1000.0,
                    samples.get(), overCapacitySeen.size(), states, freePlaces, assignedPerWork.values().stream().mapToLong(Long::longValue).sum(),
                    published.size(), outboxRows.size(), answers);

            assertThat(overCapacitySeen).as("agents over capacity in a sample during the run").isEmpty();
            assertThat(overAtEnd).as("agents over capacity at the end").isEmpty();
            assertThat(assignedOverCapacity).as("assignments that reported the agent over capacity").isEmpty();
            assertThat(assignedPerWork.values()).as("assignments per conversation (nothing is unassigned in this run)").allMatch(n -> n == 1);
            assertThat(answers.keySet()).as("every open answered 201 or 200 (the same conversation), every close 200")
                    .allMatch(a -> a.equals("open -> 201") || a.equals("open -> 200") || a.equals("close -> 200"));
            assertThat(answers.getOrDefault("open -> 201", 0)).as("one conversation created per external id").isEqualTo(HTTP_OPENS);
            assertThat(states.getOrDefault("ASSIGNED", 0)).as("assigned at the end").isLessThanOrEqualTo(AGENTS * CAPACITY);
            assertThat(published).as("event ids on the topic: each once").doesNotHaveDuplicates();
            assertThat(new HashSet<>(published)).as("the topic holds exactly routing's outbox rows for the org").isEqualTo(outboxRows);
            assertThat(states.getOrDefault("ASSIGNED", 0) + states.getOrDefault("QUEUED", 0) + states.getOrDefault("CLOSED", 0)).isEqualTo(opened.size());
        }
    }

    // ------------------------------------------------------------------------------------------------ revocation

    @Test
    @Order(2)
    void removedMember_isRefusedByBothGateways_figureFromTheDeleteToTheLaterRefusal() {
        Person owner = desk.owner();
        String email = "two.removed." + desk.suffix + "@acme.test";
        RealServers.keycloak().createUser(email, PASSWORD, "Removed", "Member");
        String path = "/api/orgs/" + desk.org + "/members";
        long[][] micros = new long[2][REMOVALS];
        long[] both = new long[REMOVALS];
        for (int i = 0; i < REMOVALS; i++) {
            Person bob = Stack.signIn(email, PASSWORD);
            stack.refreshOwner(desk.org, NotificationE2ETest.PASSWORD);
            stack.invitationAccepted(desk.org, bob, "AGENT"); // returns once the first gateway lets bob in
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> stack.call(1, "GET", path, bob, null).statusCode() == 200);
            assertThat(stack.call(i % 2, "DELETE", path + "/" + bob.id(), owner, null).statusCode()).isEqualTo(204);
            long removed = System.nanoTime();
            boolean[] refused = new boolean[2];
            while (!refused[0] || !refused[1]) {
                for (int g = 0; g < 2; g++) {
                    if (!refused[g] && stack.call(g, "GET", path, bob, null).statusCode() == 404) {
                        refused[g] = true;
                        micros[g][i] = (System.nanoTime() - removed) / 1000;
                    }
                }
                assertThat(System.nanoTime() - removed).as("refused by both within 10 s").isLessThan(Duration.ofSeconds(10).toNanos());
            }
            both[i] = Math.max(micros[0][i], micros[1][i]);
        }
        System.out.println("[two-instances] revocation over " + REMOVALS + " removals (DELETE through either gateway, org-service's instances"
                + " taking them in turn), DELETE returned -> removed member's token refused: by both gateways " + percentiles(both)
                + "; gateway 1 " + percentiles(micros[0]) + "; gateway 2 " + percentiles(micros[1]));
    }

    // ------------------------------------------------------------------------------------------------ notifications

    @Test
    @Order(3)
    void aNotification_reachesTheStreamsHeldByBothInstances_andEachDeviceOnce_whicheverInstanceConsumedItsEvent() {
        try (TestPushService push = TestPushService.start()) {
            Desk.Agent agent = desk.newAgent("Fan");
            Person session = agent.signIn();
            String vapid = desk.vapidPublicKey();
            List<PushDevice> devices = new ArrayList<>();
            List<LiveStream> streams = new ArrayList<>();
            try {
                for (int k = 0; k < 2; k++) {
                    // straight to instance k, past the gateways: the stream is held by that instance
                    LiveStream stream = LiveStream.open(URI.create(stack.url("notification-service", k)), session.token(), desk.org);
                    streams.add(stream);
                    stream.awaitOpen(PATIENCE);
                    PushDevice device = push.newSubscription(vapid);
                    devices.add(device);
                    expect(stack.callInstance("notification-service", k, "POST", "/api/me/push-subscriptions", session,
                            Desk.subscription(device, "device-on-instance-" + (k + 1), desk.org)), 201, 200);
                }
                String externalId = "two-fan:" + desk.suffix;
                long t0 = System.nanoTime();
                UUID workId = desk.openAndAwaitAssigned(agent, externalId);
                Desk.Expected expected = desk.expected(workId, externalId);
                long[] streamMillis = new long[2];
                for (int k = 0; k < 2; k++) {
                    streams.get(k).awaitNotification(expected.url(), PATIENCE); // exactly one there
                    streamMillis[k] = (System.nanoTime() - t0) / 1_000_000;
                }
                for (PushDevice device : devices) {
                    device.awaitPush(expected::isShownBy, PATIENCE);
                }
                // the two delivery loops (one per instance) must not both push it: wait as long as a duplicate could take
                await().pollDelay(NotificationE2ETest.QUIET).atMost(NotificationE2ETest.QUIET.plusSeconds(1)).until(() -> true);
                for (PushDevice device : devices) {
                    assertThat(device.received().stream().filter(expected::isShownBy).toList()).as("pushes to " + device.endpoint()).hasSize(1);
                }
                System.out.printf("[two-instances] fan-out: the conversation opened on Kafka -> on the stream held by instance 1 after %d ms,"
                        + " by instance 2 after %d ms (both include routing's assignment); each of 2 devices pushed once%n", streamMillis[0], streamMillis[1]);
            } finally {
                streams.forEach(LiveStream::close);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ projections

    @Test
    @Order(4)
    void everyInstancesMembershipProjection_agreesAfterJoinsAndARemoval() {
        Person owner = desk.owner();
        List<Person> joined = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String email = "two.member" + i + "." + desk.suffix + "@acme.test";
            RealServers.keycloak().createUser(email, PASSWORD, "Member", Integer.toString(i));
            Person person = Stack.signIn(email, PASSWORD);
            stack.refreshOwner(desk.org, NotificationE2ETest.PASSWORD);
            stack.invitationAccepted(desk.org, person, i == 0 ? "MANAGER" : "AGENT");
            joined.add(person);
        }
        Person removed = joined.removeLast();
        expect(stack.call("DELETE", "/api/orgs/" + desk.org + "/members/" + removed.id(), owner, null), 204);
        Person outsider = Stack.signIn("carol@globex.test", "carol-demo-pass");

        // each service with a projection of org.memberships.v1, asked on each of its instances directly
        Map<String, String> questions = Map.of(
                "gateway", "/api/orgs/" + desk.org + "/members",
                "notification-service", "/api/me/notifications?orgId=" + desk.org,
                "identity-service", "/api/orgs/" + desk.org + "/invitations",
                "portal-service", "/api/orgs/" + desk.org + "/portals/overview");
        Map<String, Person> people = new TreeMap<>(Map.of("owner", owner, "manager", joined.get(0), "agent", joined.get(1), "removed", removed,
                "outsider", outsider));
        Map<String, List<Integer>> answers = new TreeMap<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            answers.clear();
            questions.forEach((module, path) -> people.forEach((who, person) -> answers.put(module + " as " + who,
                    List.of(stack.callInstance(module, 0, "GET", path, person, null).statusCode(),
                            stack.callInstance(module, 1, "GET", path, person, null).statusCode()))));
            return answers.values().stream().allMatch(pair -> pair.get(0).equals(pair.get(1)))
                    && answers.get("gateway as removed").get(0) == 404;
        });
        System.out.println("[two-instances] projections, status on instance 1 / instance 2: " + answers);
        assertThat(answers.get("gateway as owner")).containsOnly(200);
        assertThat(answers.get("gateway as agent")).containsOnly(200);
        assertThat(answers.get("gateway as removed")).containsOnly(404);
        assertThat(answers.get("gateway as outsider")).containsOnly(404);
        assertThat(answers.get("notification-service as agent")).containsOnly(200);
        assertThat(answers.get("notification-service as removed")).doesNotContain(200);
    }

    // ------------------------------------------------------------------------------------------------ rate limits

    @Test
    @Order(5)
    void rateLimits_areCountedPerGatewayInstance_asDocsApiSays() {
        String email = "two.uploader." + desk.suffix + "@acme.test";
        RealServers.keycloak().createUser(email, PASSWORD, "Avatar", "Uploader");
        Person uploader = Stack.signIn(email, PASSWORD);
        int limit = 30; // avatar-upload: 30 an hour per caller (gateway application.yml, docs/api.md)
        for (int i = 0; i < limit; i++) {
            assertThat(stack.call(0, "PUT", "/api/me/avatar", uploader, "not an image").statusCode()).as("upload " + (i + 1)).isNotEqualTo(429);
        }
        assertThat(stack.call(0, "PUT", "/api/me/avatar", uploader, "not an image").statusCode()).as("one more on the same gateway").isEqualTo(429);
        assertThat(stack.call(1, "PUT", "/api/me/avatar", uploader, "not an image").statusCode())
                .as("the other gateway counts its own (per instance: N gateways allow up to N times the limit)").isNotEqualTo(429);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static String expect(HttpResponse<String> response, int... statuses) {
        assertThat(Arrays.stream(statuses).boxed().toList()).as(response.request().method() + " " + response.uri() + ": " + response.body())
                .contains(response.statusCode());
        return response.body();
    }

    static synchronized void count(Map<String, Integer> counts, String what) {
        counts.merge(what, 1, Integer::sum);
    }

    /** "agent channel: n assigned of capacity c" for every agent over capacity now. */
    static List<String> overCapacity(Connection db, UUID org) throws SQLException {
        List<String> over = new ArrayList<>();
        query(db, """
                select a.user_id, a.channel, a.capacity, count(w.id) from agent_channels a
                join work_items w on w.org_id = a.org_id and w.assignee_id = a.user_id and w.channel = a.channel and w.status = 'ASSIGNED'
                where a.org_id = ? group by a.user_id, a.channel, a.capacity having count(w.id) > a.capacity""", org,
                rs -> over.add(rs.getString(1) + " " + rs.getString(2) + ": " + rs.getInt(4) + " assigned of capacity " + rs.getInt(3)));
        return over;
    }

    static int closedAmong(Connection db, UUID org, List<String> externalIds) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select count(*) from work_items where org_id = ? and status = 'CLOSED' and external_id = any(?)")) {
            select.setObject(1, org);
            select.setArray(2, db.createArrayOf("text", externalIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static int count(Connection db, String sql, Object... args) throws SQLException {
        int[] n = new int[1];
        query(db, sql, args.length == 0 ? null : args[0], rs -> n[0] = rs.getInt(1));
        return n[0];
    }

    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    static void query(Connection db, String sql, Object arg, Row row) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            if (arg != null) {
                select.setObject(1, arg);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    static String percentiles(long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format("p50 %.1f ms, p90 %.1f ms, max %.1f ms", sorted[Math.max(0, n / 2 - 1)] / 1000.0,
                sorted[Math.max(0, n * 9 / 10 - 1)] / 1000.0, sorted[n - 1] / 1000.0);
    }
}
