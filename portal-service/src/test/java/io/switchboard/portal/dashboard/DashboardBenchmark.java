package io.switchboard.portal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventType;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.OrganizationCreated;
import io.switchboard.events.org.OrganizationUpdated;
import io.switchboard.events.routing.LeadAssigned;
import io.switchboard.events.routing.LeadQueued;
import io.switchboard.events.routing.LeadStatusChanged;
import io.switchboard.events.routing.LeadStatusesUpdated;
import io.switchboard.events.routing.ProfileUpdated;
import io.switchboard.events.routing.WorkAssigned;
import io.switchboard.events.routing.WorkClosed;
import io.switchboard.events.routing.WorkQueued;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.SignedInUser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 10's Done-when 3 on the real servers (PostgreSQL, Kafka, Keycloak) and the running app over real HTTP:
 * (a) the portal dashboard as a portal MANAGER (team part included) and the overview as an ADMIN, with 100 portal
 * members and 50,000 historical work items loaded through the real consumer; (b) staleness, the envelope's
 * {@code time} (set when published, as routing-service's outbox stamps the commit) until the projection row shows
 * the event, at a paced 200 events/s. Prints a table, also written to target/bench/dashboard-benchmark.txt. Not part
 * of the default run (surefire runs *Test classes):
 * <pre>{@code ./mvnw -B -o verify -pl portal-service -Dtest=DashboardBenchmark -Dsurefire.failIfNoSpecifiedTests=false}</pre>
 * Sizes: -Ddashboard.bench.items (default 50000), -Ddashboard.bench.members (100), -Ddashboard.bench.reads (1000 per
 * endpoint and state), -Ddashboard.bench.rate (200/s), -Ddashboard.bench.seconds (60). Figures are printed, not
 * asserted; the runs assert only that every answer was 200 and every event arrived.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBenchmark {

    private static final String DATABASE = "portal_service_bench";
    private static final Map<String, String> TABLE = new LinkedHashMap<>();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static final List<String> CHANNELS = List.of("SMS", "LIVE_CHAT", "EMAIL", "WHATSAPP");
    private static final Map<String, Integer> CAPACITIES = Map.of("SMS", 5, "LIVE_CHAT", 3, "EMAIL", 10, "WHATSAPP", 4);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        RealServers.registerDatabaseAndKafka(registry, DATABASE);
        RealServers.registerKeycloak(registry);
    }

    @LocalServerPort
    int port;

    private final Random random = new Random(10);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private KafkaProducer<String, String> producer;
    private Connection jdbc;
    private Account admin;
    private Account manager;
    private UUID org;
    private UUID portal;
    private final List<UUID> members = new ArrayList<>();
    /** Conversations assigned now, oldest first: what (b) closes. */
    private final Deque<UUID[]> activeConversations = new ArrayDeque<>(); // {workId, assignee, channel index}
    /** Open leads, oldest first: {workId, assignee, status index (0 new, 1 contacted, 2 qualified)}. */
    private final Deque<Object[]> openLeads = new ArrayDeque<>();
    private static final String[] OPEN_STATUSES = {"new", "contacted", "qualified"};

    // -------------------------------------------------------------------------------------------------------------

    private static final class Account {
        final String email;
        final String password;
        SignedInUser user;

        Account(String name) {
            email = "dash-bench-" + name + "-" + RUN + "@acme.test";
            password = name + "-pass-" + RUN;
            RealServers.keycloak().createUser(email, password, "Bench", name);
            signIn();
        }

        void signIn() {
            user = SignedInUser.signIn(email, password);
        }

        UUID id() {
            return user.id();
        }
    }

    @AfterAll
    void stop() throws Exception {
        String table = table();
        System.out.println(table);
        Path out = Path.of("target", "bench", "dashboard-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (jdbc != null) {
            jdbc.close();
        }
    }

    private static String table() {
        StringBuilder text = new StringBuilder("\n=== portal-service dashboard benchmark (issue 10), " + Instant.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, load average at the end " + loadAverage() + " ===\n");
        TABLE.forEach((figure, value) -> text.append(String.format("%-96s %s%n", figure, value)));
        return text.toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // the portal: 100 members, capacities, lead statuses, 50,000 historical items, all through the real consumers
    // -------------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void load() throws Exception {
        TABLE.put("load average at the start", loadAverage());
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(config);
        jdbc = DriverManager.getConnection(RealServers.postgres().jdbcUrl(DATABASE), RealServers.postgres().username(), RealServers.postgres().password());

        int memberCount = Integer.getInteger("dashboard.bench.members", 100);
        int items = Integer.getInteger("dashboard.bench.items", 50_000);
        admin = new Account("admin");
        manager = new Account("manager");
        UUID owner = UUID.randomUUID();
        org = UUID.randomUUID();
        publishAndWait(Events.envelope(EventCatalog.ORGANIZATION_CREATED, org, new OrganizationCreated(org, "Bench " + RUN, "GROWTH", owner)));
        join(owner, "OWNER", "Owner", null);
        portal = awaitValue("select id from portals where org_id = ? and is_default", UUID.class);
        join(admin.id(), "ADMIN", "Admin", null);
        join(manager.id(), "MANAGER", "Manager", "MANAGER");
        members.add(manager.id());
        for (int i = 1; i < memberCount; i++) {
            UUID agent = UUID.randomUUID();
            members.add(agent);
            send(Events.envelope(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, agent, "AGENT", "Agent " + i, "agent" + i + "-" + RUN + "@acme.test",
                    List.of(), null, null)).withActor(agent.toString()));
        }
        producer.flush();
        await(() -> count("select count(*) from portal_members where org_id = ? and portal_id = '" + portal + "'") == memberCount, "portal members");
        send(Events.envelope(EventCatalog.ORGANIZATION_UPDATED, org, new OrganizationUpdated(org, "Bench " + RUN, "GROWTH", 200, "Europe/Berlin")));
        // a third of the agents are away, set as a manager would, through the API (portal-service's own availability rows and log)
        for (int i = 1; i < memberCount; i += 3) {
            HttpResponse<String> away = http.send(HttpRequest.newBuilder(URI.create(base() + "/portals/" + portal + "/members/" + members.get(i) + "/availability"))
                    .header("Authorization", admin.user.bearer()).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"available\":false,\"note\":\"lunch\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(away.statusCode()).as(away.body()).isEqualTo(200);
        }

        long started = System.nanoTime();
        int events = publishHistory(items);
        UUID sentinel = UUID.randomUUID();
        send(Events.envelope(EventCatalog.ROUTING_PROFILE_UPDATED, org, new ProfileUpdated(org, sentinel, List.of("SMS"), Map.of("SMS", 1), Map.of(),
                admin.id(), Instant.now())));
        producer.flush();
        double published = (System.nanoTime() - started) / 1e9;
        await(() -> count("select count(*) from dashboard_capacities where org_id = ? and user_id = '" + sentinel + "'") == 1, "the history applied");
        double applied = (System.nanoTime() - started) / 1e9;
        assertThat(count("select count(*) from dashboard_work where org_id = ?")).isEqualTo(items);
        TABLE.put("(load) portal members / work items in the read model",
                count("select count(*) from portal_members where org_id = ? and portal_id = '" + portal + "'") + " / " + items + " ("
                        + rows("select state || ' ' || kind || ' ' || count(*) from dashboard_work where org_id = ? group by state, kind order by 1") + ")");
        TABLE.put("(load) closed in the last 7 days / today (UTC)", count("select count(*) from dashboard_work where org_id = ? and state = 'CLOSED' "
                + "and closed_at >= now() - interval '7 days'") + " / " + count("select count(*) from dashboard_work where org_id = ? and state = 'CLOSED' "
                + "and closed_at >= date_trunc('day', now())"));
        TABLE.put("(load) " + events + " routing events published / applied by the consumer", String.format("%.1f s / %.1f s (%.0f events/s)", published,
                applied, events / applied));
    }

    /** Closed conversations over the last 30 days, some assigned now, a queue, leads in every status; answers how many events it published. */
    private int publishHistory(int items) {
        Instant now = Instant.now();
        int events = 0;
        send(Events.envelope(EventCatalog.ROUTING_LEAD_STATUSES_UPDATED, org, new LeadStatusesUpdated(org, List.of(
                new LeadStatusesUpdated.Status("new", "New", "OPEN"), new LeadStatusesUpdated.Status("contacted", "Contacted", "OPEN"),
                new LeadStatusesUpdated.Status("qualified", "Qualified", "OPEN"), new LeadStatusesUpdated.Status("won", "Won", "WON"),
                new LeadStatusesUpdated.Status("lost", "Lost", "LOST")), List.of(), admin.id(), now)));
        events++;
        for (UUID member : members) {
            send(Events.envelope(EventCatalog.ROUTING_PROFILE_UPDATED, org, new ProfileUpdated(org, member, CHANNELS, CAPACITIES, Map.of(), admin.id(), now)));
            events++;
        }
        int leads = items / 10;
        int conversations = items - leads;
        int queuedConversations = Math.min(150, conversations / 100);
        int activeConversationCount = Math.min(3 * members.size(), conversations / 50);
        for (int i = 0; i < conversations; i++) {
            UUID work = UUID.randomUUID();
            String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
            UUID holder = members.get(random.nextInt(members.size()));
            if (i < queuedConversations) {
                events += send(EventCatalog.ROUTING_CONVERSATION_QUEUED, new WorkQueued(org, "CONVERSATION", work, "c:" + work, portal, null, null, channel,
                        i + 1, "NO_ELIGIBLE_AGENT", null, now.minusSeconds(30 + random.nextInt(1800))));
            } else if (i < queuedConversations + activeConversationCount) {
                events += send(EventCatalog.ROUTING_CONVERSATION_ASSIGNED, new WorkAssigned(org, "CONVERSATION", work, "c:" + work, portal, null, null,
                        channel, holder, null, "AUTO", null, 1, CAPACITIES.get(channel), random.nextInt(60_000), now.minusSeconds(random.nextInt(3600))));
                activeConversations.add(new UUID[] {work, holder, new UUID(0, CHANNELS.indexOf(channel))});
            } else {
                Instant closed = now.minusMillis((long) (random.nextDouble() * Duration.ofDays(30).toMillis()));
                Instant assigned = closed.minusSeconds(60 + random.nextInt(3600));
                boolean fromQueue = random.nextInt(50) == 0;
                if (!fromQueue) {
                    events += send(EventCatalog.ROUTING_CONVERSATION_ASSIGNED, new WorkAssigned(org, "CONVERSATION", work, "c:" + work, portal, null, null,
                            channel, holder, null, "AUTO", null, 1, CAPACITIES.get(channel), random.nextInt(60_000), assigned));
                }
                events += send(EventCatalog.ROUTING_CONVERSATION_CLOSED, new WorkClosed(org, "CONVERSATION", work, "c:" + work, portal, null, channel,
                        fromQueue ? null : holder, null, assigned.minusSeconds(30), closed));
            }
        }
        int queuedLeads = leads / 20;
        int openLeadCount = leads * 35 / 100;
        for (int i = 0; i < leads; i++) {
            UUID work = UUID.randomUUID();
            UUID holder = members.get(random.nextInt(members.size()));
            if (i < queuedLeads) {
                Instant at = now.minusSeconds(60 + random.nextInt(7200));
                events += send(EventCatalog.ROUTING_LEAD_QUEUED, new LeadQueued(org, work, "l:" + work, portal, null, null, "web", "new", i + 1,
                        "NO_ELIGIBLE_AGENT", at, at));
            } else if (i < queuedLeads + openLeadCount) {
                Instant assigned = now.minusSeconds(random.nextInt(14 * 86_400));
                events += send(EventCatalog.ROUTING_LEAD_ASSIGNED, new LeadAssigned(org, work, "l:" + work, portal, null, null, "web", "new", holder, null,
                        "AUTO", null, 1, null, assigned.minusSeconds(60), 60_000, assigned));
                int status = random.nextInt(3);
                if (status > 0) {
                    events += send(EventCatalog.ROUTING_LEAD_STATUS_CHANGED, new LeadStatusChanged(org, work, portal, null, holder, "new",
                            OPEN_STATUSES[status], "OPEN", holder, assigned.minusSeconds(60), assigned.plusSeconds(600)));
                }
                openLeads.add(new Object[] {work, holder, status});
            } else {
                Instant closed = now.minusMillis((long) (random.nextDouble() * Duration.ofDays(30).toMillis()));
                Instant assigned = closed.minus(Duration.ofHours(1 + random.nextInt(72)));
                boolean won = random.nextInt(10) < 4;
                events += send(EventCatalog.ROUTING_LEAD_ASSIGNED, new LeadAssigned(org, work, "l:" + work, portal, null, null, "web", "new", holder, null,
                        "AUTO", null, 1, null, assigned.minusSeconds(60), 60_000, assigned));
                events += send(EventCatalog.ROUTING_LEAD_STATUS_CHANGED, new LeadStatusChanged(org, work, portal, null, holder, "new", won ? "won" : "lost",
                        won ? "WON" : "LOST", holder, assigned.minusSeconds(60), closed));
            }
        }
        return events;
    }

    // -------------------------------------------------------------------------------------------------------------
    // (a) GET .../portals/{portalId}/dashboard as a portal MANAGER, GET .../portals/overview as an ADMIN
    // -------------------------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void readLatency_afterAnalyze() throws Exception {
        try (Statement analyze = jdbc.createStatement()) {
            analyze.execute("analyze dashboard_work, dashboard_capacities, dashboard_lead_statuses, portal_members, org_members, portals, org_timezones");
        }
        reads("after ANALYZE");
    }

    /** Autovacuum vacuums an insert-only table too (autovacuum_vacuum_insert_threshold): the visibility map makes the counts index-only scans. */
    @Test
    @Order(3)
    void readLatency_afterVacuumAnalyze() throws Exception {
        try (Statement vacuum = jdbc.createStatement()) {
            vacuum.execute("vacuum (analyze) dashboard_work, dashboard_capacities, dashboard_lead_statuses, portal_members, org_members, portals, org_timezones");
        }
        reads("after VACUUM ANALYZE");
        explain();
    }

    /**
     * Where a dashboard's time goes in the database: EXPLAIN ANALYZE of the members' numbers as DashboardQueries.stats
     * sends them (a copy of its SQL, for the diagnosis only), written to target/bench/dashboard-explain.txt.
     */
    private void explain() throws Exception {
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Berlin");
        Instant today = java.time.LocalDate.now(zone).atStartOfDay(zone).toInstant();
        Instant last7 = java.time.LocalDate.now(zone).minusDays(6).atStartOfDay(zone).toInstant();
        String stats = "select 'ACTIVE' as part, assignee_id as user_id, kind, channel as key, count(*) filter (where portal_id = ?) as a, count(*) as b "
                + "from dashboard_work where org_id = ? and state = 'ASSIGNED' and assignee_id = any(?) group by assignee_id, kind, channel "
                + "union all "
                + "select 'HANDLED', handled_by, kind, null, count(*) filter (where closed_at >= ?), count(*) "
                + "from dashboard_work where org_id = ? and portal_id = ? and state = 'CLOSED' and closed_at >= ? and handled_by is not null "
                + "and (kind = 'CONVERSATION' or outcome in ('WON', 'LOST')) group by handled_by, kind "
                + "union all "
                + "select 'CAPACITY', user_id, 'CONVERSATION', channel, capacity, 0 from dashboard_capacities where org_id = ? and user_id = any(?)"
                + " union all "
                + "select 'STATUS', assignee_id, 'LEAD', status_id, count(*), 0 from dashboard_work "
                + "where org_id = ? and kind = 'LEAD' and assignee_id = ? and portal_id = ? group by assignee_id, status_id";
        StringBuilder out = new StringBuilder("EXPLAIN (ANALYZE, BUFFERS) of the dashboard's members' numbers (copy of DashboardQueries.stats), "
                + Instant.now() + "\n");
        for (int run = 0; run < 5; run++) {
            try (PreparedStatement query = jdbc.prepareStatement("explain (analyze, buffers) " + stats)) {
                java.sql.Array users = jdbc.createArrayOf("uuid", members.toArray());
                query.setObject(1, portal);
                query.setObject(2, org);
                query.setArray(3, users);
                query.setObject(4, java.time.OffsetDateTime.ofInstant(today, java.time.ZoneOffset.UTC));
                query.setObject(5, org);
                query.setObject(6, portal);
                query.setObject(7, java.time.OffsetDateTime.ofInstant(last7, java.time.ZoneOffset.UTC));
                query.setObject(8, org);
                query.setArray(9, users);
                query.setObject(10, org);
                query.setObject(11, manager.id());
                query.setObject(12, portal);
                List<String> plan = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
                if (run == 4) {
                    plan.forEach(line -> out.append(line).append('\n'));
                    TABLE.put("(a) diagnosis: the members' numbers query alone in PostgreSQL (EXPLAIN ANALYZE, 5th run)",
                            plan.stream().filter(l -> l.contains("Execution Time") || l.contains("Planning Time")).map(String::trim)
                                    .reduce((x, y) -> x + ", " + y).orElse("?"));
                }
            }
        }
        // as the app runs it: one prepared statement reused (r2dbc-postgresql caches them; PostgreSQL may then switch to a generic plan)
        long[] nanos = new long[300];
        try (PreparedStatement query = jdbc.prepareStatement(stats)) {
            java.sql.Array users = jdbc.createArrayOf("uuid", members.toArray());
            Object[] values = {portal, org, users, java.time.OffsetDateTime.ofInstant(today, java.time.ZoneOffset.UTC), org, portal,
                    java.time.OffsetDateTime.ofInstant(last7, java.time.ZoneOffset.UTC), org, users, org, manager.id(), portal};
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof java.sql.Array array) {
                    query.setArray(i + 1, array);
                } else {
                    query.setObject(i + 1, values[i]);
                }
            }
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        rows.getString(1);
                    }
                }
                nanos[i] = System.nanoTime() - t0;
            }
        }
        TABLE.put("(a) diagnosis: the members' numbers query over JDBC, one prepared statement reused 300 times", percentiles(nanos));
        // the generic plan PostgreSQL may settle on for a cached statement
        String array = members.stream().map(UUID::toString).reduce((x, y) -> x + "," + y).map(x -> "'{" + x + "}'::uuid[]").orElseThrow();
        String[] literals = {"'" + portal + "'::uuid", "'" + org + "'::uuid", array, "'" + today + "'::timestamptz", "'" + org + "'::uuid",
                "'" + portal + "'::uuid", "'" + last7 + "'::timestamptz", "'" + org + "'::uuid", array, "'" + org + "'::uuid",
                "'" + manager.id() + "'::uuid", "'" + portal + "'::uuid"};
        StringBuilder numbered = new StringBuilder();
        int param = 0;
        for (char c : stats.toCharArray()) {
            numbered.append(c == '?' ? "$" + (++param) : String.valueOf(c));
        }
        try (Statement generic = jdbc.createStatement()) {
            generic.execute("prepare bench_stats(uuid, uuid, uuid[], timestamptz, uuid, uuid, timestamptz, uuid, uuid[], uuid, uuid, uuid) as " + numbered);
            generic.execute("set plan_cache_mode = force_generic_plan");
            List<String> plan = new ArrayList<>();
            for (int run = 0; run < 3; run++) {
                plan.clear();
                try (ResultSet rows = generic.executeQuery("explain (analyze, buffers) execute bench_stats(" + String.join(", ", literals) + ")")) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
            }
            generic.execute("reset plan_cache_mode");
            generic.execute("deallocate bench_stats");
            out.append("\n--- the same with plan_cache_mode = force_generic_plan (3rd run) ---\n");
            plan.forEach(line -> out.append(line).append('\n'));
            TABLE.put("(a) diagnosis: the members' numbers query, generic plan (EXPLAIN ANALYZE EXECUTE, 3rd run)",
                    plan.stream().filter(l -> l.contains("Execution Time") || l.contains("Planning Time")).map(String::trim)
                            .reduce((x, y) -> x + ", " + y).orElse("?"));
        }
        Path file = Path.of("target", "bench", "dashboard-explain.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
    }

    private void reads(String state) throws Exception {
        int n = Integer.getInteger("dashboard.bench.reads", 1000);
        manager.signIn();
        admin.signIn();
        URI dashboard = URI.create(base() + "/portals/" + portal + "/dashboard");
        URI overview = URI.create(base() + "/portals/overview");
        String body = get(dashboard, manager).body();
        assertThat(body).contains("\"team\":{").contains(manager.id().toString());
        for (int i = 0; i < 300; i++) { // JIT, pools, prepared statements; not counted
            get(dashboard, manager);
            get(overview, admin);
        }
        String load = loadAverage();
        long[] dashboardNanos = time(dashboard, manager, n);
        long[] overviewNanos = time(overview, admin, n);
        TABLE.put("(a) GET /portals/{id}/dashboard as portal MANAGER (" + members.size() + " members, team part; " + body.length() + " bytes), " + state,
                percentiles(dashboardNanos));
        TABLE.put("(a) GET /portals/overview as ADMIN, " + state, percentiles(overviewNanos) + "; load average before " + load);
    }

    private long[] time(URI uri, Account as, int n) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            get(uri, as);
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    private HttpResponse<String> get(URI uri, Account as) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", as.user.bearer()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/api/orgs/" + org;
    }

    // -------------------------------------------------------------------------------------------------------------
    // (b) staleness at 200 events/s: the envelope's time -> the projection row shows the event
    // -------------------------------------------------------------------------------------------------------------

    /** One published event: its work item, when it was published and (once the broker acked) its offset. */
    private static final class Sent {
        final UUID workId;
        final UUID eventId;
        final long publishedNanos;
        final Instant time;
        volatile long offset = -1;
        volatile long visibleNanos = -1;

        Sent(UUID workId, UUID eventId, long publishedNanos, Instant time) {
            this.workId = workId;
            this.eventId = eventId;
            this.publishedNanos = publishedNanos;
            this.time = time;
        }
    }

    @Test
    @Order(4)
    void staleness() throws Exception {
        int rate = Integer.getInteger("dashboard.bench.rate", 200);
        int seconds = Integer.getInteger("dashboard.bench.seconds", 60);
        int n = rate * seconds;
        List<Sent> all = new ArrayList<>(n);
        ConcurrentLinkedQueue<Sent> pending = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] polls = new long[1];
        Thread watcher = new Thread(() -> {
            try (Connection watch = DriverManager.getConnection(RealServers.postgres().jdbcUrl(DATABASE), RealServers.postgres().username(),
                    RealServers.postgres().password());
                 PreparedStatement query = watch.prepareStatement("select work_id, src_offset from dashboard_work where org_id = ? and work_id = any(?)")) {
                query.setObject(1, org);
                while (running.get() || !pending.isEmpty()) {
                    List<Sent> waiting = new ArrayList<>();
                    for (Sent sent : pending) {
                        if (sent.offset >= 0) {
                            waiting.add(sent);
                        }
                    }
                    if (waiting.isEmpty()) {
                        LockSupport.parkNanos(200_000);
                        continue;
                    }
                    query.setArray(2, watch.createArrayOf("uuid", waiting.stream().map(s -> s.workId).distinct().toArray()));
                    Map<UUID, Long> offsets = new HashMap<>();
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            offsets.put(rows.getObject(1, UUID.class), rows.getLong(2));
                        }
                    }
                    long seen = System.nanoTime();
                    polls[0]++;
                    for (Sent sent : waiting) {
                        Long offset = offsets.get(sent.workId);
                        if (offset != null && offset >= sent.offset) {
                            sent.visibleNanos = seen;
                            pending.remove(sent);
                        }
                    }
                    LockSupport.parkNanos(1_000_000);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "dashboard-benchmark-watcher");
        watcher.setDaemon(true);
        watcher.start();

        Instant now = Instant.now();
        long periodNanos = 1_000_000_000L / rate;
        long[] cpuBefore = cpuTicks();
        String loadBefore = loadAverage();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int slot = i % 20;
            UUID member = members.get(random.nextInt(members.size()));
            Events.Envelope envelope;
            UUID work;
            if (slot < 7 || (slot < 14 && activeConversations.isEmpty())) {
                work = UUID.randomUUID();
                int channel = random.nextInt(CHANNELS.size());
                envelope = Events.envelope(EventCatalog.ROUTING_CONVERSATION_ASSIGNED, org, new WorkAssigned(org, "CONVERSATION", work, "c:" + work, portal,
                        null, null, CHANNELS.get(channel), member, null, "AUTO", null, 1, CAPACITIES.get(CHANNELS.get(channel)), 2_000, Instant.now()));
                activeConversations.add(new UUID[] {work, member, new UUID(0, channel)});
            } else if (slot < 14) {
                UUID[] closing = activeConversations.poll();
                work = closing[0];
                envelope = Events.envelope(EventCatalog.ROUTING_CONVERSATION_CLOSED, org, new WorkClosed(org, "CONVERSATION", work, "c:" + work, portal, null,
                        CHANNELS.get((int) closing[2].getLeastSignificantBits()), closing[1], null, now.minusSeconds(600), Instant.now()));
            } else if (slot < 17 || openLeads.isEmpty()) {
                work = UUID.randomUUID();
                envelope = Events.envelope(EventCatalog.ROUTING_LEAD_ASSIGNED, org, new LeadAssigned(org, work, "l:" + work, portal, null, null, "web", "new",
                        member, null, "AUTO", null, 1, null, Instant.now().minusSeconds(2), 2_000, Instant.now()));
                openLeads.add(new Object[] {work, member, 0});
            } else {
                Object[] lead = openLeads.poll();
                work = (UUID) lead[0];
                int from = (Integer) lead[2];
                String to = from < 2 ? OPEN_STATUSES[from + 1] : (random.nextBoolean() ? "won" : "lost");
                String outcome = from < 2 ? "OPEN" : to.toUpperCase();
                envelope = Events.envelope(EventCatalog.ROUTING_LEAD_STATUS_CHANGED, org, new LeadStatusChanged(org, work, portal, null, (UUID) lead[1],
                        OPEN_STATUSES[from], to, outcome, (UUID) lead[1], now.minusSeconds(3600), Instant.now()));
                if (from < 2) {
                    openLeads.add(new Object[] {work, lead[1], from + 1});
                }
            }
            // the envelope's time is now (Events.envelope stamps it), as the outbox stamps the commit of routing-service's transaction
            Sent sent = new Sent(work, envelope.id(), System.nanoTime(), envelope.time());
            all.add(sent);
            pending.add(sent);
            producer.send(new ProducerRecord<>(envelope.topic(), envelope.key(), envelope.json()), (metadata, error) -> {
                if (error != null) {
                    failure.set(error);
                } else {
                    sent.offset = metadata.offset();
                }
            });
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline && failure.get() == null) {
            Thread.sleep(20);
        }
        running.set(false);
        watcher.join(10_000);
        long[] cpuAfter = cpuTicks();
        assertThat(failure.get()).isNull();
        assertThat(pending).as("events not visible within 2 minutes").isEmpty();
        long[] staleness = all.stream().mapToLong(s -> s.visibleNanos - s.publishedNanos).toArray();
        TABLE.put("(b) event time -> row visible in dashboard_work (" + n + " events at " + rate + "/s paced over " + String.format("%.1f", sendSeconds)
                + " s; polled by workId)", percentiles(staleness));
        TABLE.put("(b) watcher polls / CPU busy during (b) / load average before (b)", polls[0] + " polls / "
                + String.format("%.0f %%", busyPercent(cpuBefore, cpuAfter)) + " / " + loadBefore);
        TABLE.put("(b) event time -> inbox.processed_at (consumer transaction start; lower bound, no polling)", inboxLatency(all));
    }

    /** The consumer's inbox rows say when the transaction that applied each event began (now() in PostgreSQL). */
    private String inboxLatency(List<Sent> all) throws SQLException {
        Map<UUID, Instant> times = new HashMap<>();
        all.forEach(s -> times.put(s.eventId, s.time));
        List<Long> nanos = new ArrayList<>();
        try (PreparedStatement query = jdbc.prepareStatement("select event_id, processed_at from inbox where event_id = any(?)")) {
            query.setArray(1, jdbc.createArrayOf("uuid", times.keySet().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant processed = rows.getObject(2, java.time.OffsetDateTime.class).toInstant();
                    Instant sent = times.get(rows.getObject(1, UUID.class));
                    nanos.add(Duration.between(sent, processed).toNanos());
                }
            }
        }
        return percentiles(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    // -------------------------------------------------------------------------------------------------------------

    private void join(UUID user, String role, String name, String portalRole) throws Exception {
        publishAndWait(Events.envelope(EventCatalog.MEMBER_JOINED, org, new MemberJoined(org, user, role, name, name.toLowerCase() + "-" + RUN + "@acme.test",
                List.of(), portalRole, null)).withActor(user.toString()));
        await(() -> count("select count(*) from org_members where org_id = ? and status = 'ACTIVE' and user_id = '" + user + "'") == 1, "member " + name);
    }

    private void publishAndWait(Events.Envelope envelope) throws Exception {
        producer.send(new ProducerRecord<>(envelope.topic(), envelope.key(), envelope.json())).get();
    }

    private <T extends Record> int send(EventType<T> type, T data) {
        send(Events.envelope(type, org, data));
        return 1;
    }

    private void send(Events.Envelope envelope) {
        producer.send(new ProducerRecord<>(envelope.topic(), envelope.key(), envelope.json()));
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!check.ok()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private <T> T awaitValue(String sql, Class<T> type) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (PreparedStatement query = jdbc.prepareStatement(sql)) {
                query.setObject(1, org);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return row.getObject(1, type);
                    }
                }
            }
            assertThat(System.nanoTime()).as(sql).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private long count(String sql) throws SQLException {
        try (PreparedStatement query = jdbc.prepareStatement(sql)) {
            query.setObject(1, org);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private String rows(String sql) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement query = jdbc.prepareStatement(sql)) {
            query.setObject(1, org);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    found.add(row.getString(1));
                }
            }
        }
        return String.join(", ", found);
    }

    /** Total and idle+iowait jiffies of all CPUs from /proc/stat. */
    private static long[] cpuTicks() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    }

    private static double busyPercent(long[] before, long[] after) {
        long total = after[0] - before[0];
        return total == 0 ? Double.NaN : 100.0 * (total - (after[1] - before[1])) / total;
    }

    private static String percentiles(long[] nanos) {
        if (nanos.length == 0) {
            return "no samples";
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
                sorted.length);
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
