package io.switchboard.routing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.conversation.ConversationEnded;
import io.switchboard.events.conversation.ConversationOpened;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.routing.invariant.AssignmentLog;
import io.switchboard.routing.invariant.ClaimSql;
import io.switchboard.routing.invariant.RoutingCluster;
import io.switchboard.routing.invariant.RoutingFixture;
import io.switchboard.routing.work.InboundConversations;
import io.switchboard.testing.Events;
import io.switchboard.testing.PostgresServer;
import io.switchboard.testing.RealServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 9's figures (Done-when 2 and 5) on two routing-service instances on one database, real PostgreSQL and
 * Kafka. Prints a table (also written to target/bench/routing-benchmark.txt). Not part of the default run
 * (surefire runs *Test classes):
 * <pre>{@code ./mvnw -B -o verify -pl routing-service -Dtest=RoutingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}</pre>
 * Sizes: -Drouting.bench.assignments (a, default 4000), -Drouting.bench.inboundSeconds (b, default 60, after -Drouting.bench.inboundWarmUpSeconds, default 120, not measured),
 * -Drouting.bench.inboundRate (b, default 200/s), -Drouting.bench.closes (c, default 200), -Drouting.bench.removals
 * (e, default 100), -Drouting.bench.instances (default 2). The figures are printed, not asserted (no timed assertions); the runs assert only that the
 * work got where it should.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutingBenchmark {

    private static final Map<String, String> TABLE = new LinkedHashMap<>();
    private static RoutingCluster cluster;
    private static Tail tail;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        cluster = RoutingCluster.start("routing_bench", Integer.getInteger("routing.bench.instances", 2));
        tail = new Tail();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(config);
    }

    @AfterAll
    static void stop() throws IOException {
        String table = table();
        System.out.println(table);
        Path out = Path.of("target", "bench", "routing-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (tail != null) {
            tail.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String table() {
        StringBuilder text = new StringBuilder("\n=== routing-service benchmark (issue 9), " + Instant.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, load average at the end " + loadAverage() + " ===\n");
        TABLE.forEach((figure, value) -> text.append(String.format("%-72s %s%n", figure, value)));
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
    // (a) assignments per second: the service vs pgbench running the claim
    // -------------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void assignmentsPerSecondVersusPgbench() throws Exception {
        int n = Integer.getInteger("routing.bench.assignments", 4000);
        try (Connection db = cluster.jdbc()) {
            openConcurrently(RoutingFixture.uniform(db, 200, "SMS", 100, true, "ROUND_ROBIN"), 400, 16); // JIT and pools warm, not counted
        }
        compare(n, 16);
        // One organization's writes take turns on its lock, so 16 clients add no parallelism; one client shows the
        // cost of an assignment without the lock hand-offs (each a wake-up of another process on a busy machine).
        compare(Math.max(16, n / 4), 1);
    }

    private static void compare(int n, int clients) throws Exception {
        RoutingFixture.Org service;
        RoutingFixture.Org reference;
        try (Connection db = cluster.jdbc()) {
            service = RoutingFixture.uniform(db, 200, "SMS", 100, true, "ROUND_ROBIN");
            reference = RoutingFixture.uniform(db, 200, "SMS", 100, true, "ROUND_ROBIN");
        }
        long started = System.nanoTime();
        openConcurrently(service, n, clients);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(count(service.id(), "ASSIGNED")).isEqualTo(n);
        double serviceRate = n / seconds;

        Path script = pgbenchScript(reference);
        PgbenchResult pgbench = pgbench(script, clients, n / clients);
        assertThat(count(reference.id(), "ASSIGNED")).isEqualTo((long) (n / clients) * clients);

        TABLE.put("(a) routing-service assignments/s (" + n + " opens, " + clients + " concurrent client(s), 2 instances, 200 agents)",
                String.format("%.0f /s (%.1f s)", serviceRate, seconds));
        TABLE.put("(a) pgbench claim SQL tps (" + clients + " client(s), " + (n / clients) * clients + " transactions)",
                String.format("%.0f /s (%s)", pgbench.tps(), pgbench.summary()));
        TABLE.put("(a) routing-service / pgbench, " + clients + " client(s) (goal >= 50%)", String.format("%.0f %%", 100 * serviceRate / pgbench.tps()));
    }

    /** Opens n conversations through InboundConversations (the write path conversations.inbound.v1 drives), half on each instance. */
    private static void openConcurrently(RoutingFixture.Org org, int n, int clients) throws Exception {
        AtomicInteger remaining = new AtomicInteger(n);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                InboundConversations inbound = cluster.bean(c % cluster.size(), InboundConversations.class);
                running.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        inbound.opened(opened(org, "bench:" + UUID.randomUUID())).block(Duration.ofMinutes(1));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ConversationOpened opened(RoutingFixture.Org org, String externalId) {
        return new ConversationOpened(org.id(), externalId, org.portals().get(0), null, org.clients().get(0), "SMS", "Customer", "Bench",
                Instant.now());
    }

    private static Path pgbenchScript(RoutingFixture.Org org) throws IOException {
        String template;
        try (InputStream in = RoutingBenchmark.class.getResourceAsStream("/bench/claim.pgbench.sql")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder body = new StringBuilder();
        for (String line : template.split("\n")) {
            if (!line.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        String claim = ClaimSql.forItem("':work'::uuid", org.id(), org.portals().get(0), org.clients().get(0), "SMS", "ROUND_ROBIN").strip();
        String script = body.toString()
                .replace("{{LOCK}}", Long.toString(ClaimSql.lockKey(org.id())))
                .replace("{{ORG}}", ClaimSql.uuid(org.id()))
                .replace("{{PORTAL}}", ClaimSql.uuid(org.portals().get(0)))
                .replace("{{CLIENT}}", ClaimSql.uuid(org.clients().get(0)))
                .replace("{{CHANNEL}}", "'SMS'")
                .replace("{{CLAIM}}", claim);
        Path out = Path.of("target", "bench", "claim.pgbench.sql").toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, script);
        out.toFile().setReadable(true, false);
        return out;
    }

    record PgbenchResult(double tps, String summary) {
    }

    private static PgbenchResult pgbench(Path script, int clients, int transactionsPerClient) throws Exception {
        PostgresServer postgres = RealServers.postgres();
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("routing.bench.pgbench", "pgbench"), "-n", "-h", postgres.host(),
                "-p", Integer.toString(postgres.port()), "-U", postgres.username(), "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(2, clients)),
                "-t", Integer.toString(transactionsPerClient), "-f", script.toString(), cluster.database())
                .redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", postgres.password());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
        assertThat(tps.find()).as(output).isTrue();
        Matcher latency = Pattern.compile("latency average = ([0-9.]+ ms)").matcher(output);
        return new PgbenchResult(Double.parseDouble(tps.group(1)), "latency average " + (latency.find() ? latency.group(1) : "?"));
    }

    // -------------------------------------------------------------------------------------------------------------
    // (b) conversation.opened on Kafka -> routing.conversation.assigned on Kafka, at a steady rate
    // -------------------------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void inboundEventToAssignmentEvent() throws Exception {
        inboundToAssigned(1);
    }

    /** The same rate and the same 200 agents, spread over 20 organizations of 10 agents: a platform's traffic, not one tenant's. */
    @Test
    @Order(3)
    void inboundEventToAssignmentEvent_acrossOrganizations() throws Exception {
        inboundToAssigned(Integer.getInteger("routing.bench.inboundOrgs", 20));
    }

    private static void inboundToAssigned(int orgCount) throws Exception {
        int rate = Integer.getInteger("routing.bench.inboundRate", 200);
        int seconds = Integer.getInteger("routing.bench.inboundSeconds", 60);
        int n = rate * seconds;
        // Warm-up, not measured: the same rate into organizations of the same shape, so that the figure is of warm
        // instances (JIT-compiled paths, filled pools), as a running service is. On this 2-core machine the C2 compiler
        // still used 20-33% of a core 30-60 s into a run, and the instances' CPU kept falling for two minutes, hence two
        // minutes. Both sets of organizations are loaded first: loading one (bulk inserts, ANALYZE) is a burst of
        // database work that a running platform does not have.
        int warmUp = rate * Integer.getInteger("routing.bench.inboundWarmUpSeconds", 120);
        List<RoutingFixture.Org> warmUpOrgs = organizations(orgCount, warmUp);
        List<RoutingFixture.Org> orgs = organizations(orgCount, n);
        BlockingQueue<AssignmentLog.Entry> warmUpEvents = tail.follow(warmUpOrgs.stream().map(RoutingFixture.Org::id).toList());
        send(warmUpOrgs, warmUp, rate, "warm-up", new ConcurrentHashMap<>());
        awaitRouted(warmUpEvents, warmUp);

        BlockingQueue<AssignmentLog.Entry> events = tail.follow(orgs.stream().map(RoutingFixture.Org::id).toList());
        Map<String, Long> sent = new ConcurrentHashMap<>();
        boolean statements = resetStatementStatistics();
        long[] cpuBefore = cpuTicks();
        long start = System.nanoTime();
        send(orgs, n, rate, "inbound", sent);
        long sendSeconds = (System.nanoTime() - start) / 1_000_000;
        long[] cpuAfter = cpuTicks();
        long[] latencies = new long[n];
        long[] sentAfter = new long[n];
        int got = 0;
        int queued = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (got + queued < n && System.nanoTime() < deadline) {
            AssignmentLog.Entry entry = events.poll(1, TimeUnit.SECONDS);
            if (entry == null) {
                continue;
            }
            Long at = sent.get(entry.data().path("externalId").asString(""));
            if (at == null) {
                continue;
            }
            if (entry.type().equals("routing.conversation.assigned")) {
                sentAfter[got] = at - start;
                latencies[got++] = entry.receivedNanos() - at;
            } else if (entry.type().equals("routing.conversation.queued")) {
                queued++;
            }
        }
        assertThat(got + queued).as("routing events for the published conversations").isEqualTo(n);
        String shape = orgCount == 1 ? "one organization, 200 agents" : orgCount + " organizations of " + (200 / orgCount) + " agents";
        TABLE.put("(b) conversation.opened -> routing.conversation.assigned, " + rate + "/s for " + seconds + " s, " + shape + " (" + got
                + " events; sent in " + sendSeconds + " ms)", percentiles(Arrays.copyOf(latencies, got)) + (queued > 0 ? ", " + queued + " queued" : ""));
        TABLE.put("(b) where the time went (" + shape + "): opened -> claimed, claimed -> relayed (transaction start to sent), from the database",
                breakdown(orgs) + String.format("; the machine's CPU was %.0f%% busy while the events were sent", busyPercent(cpuBefore, cpuAfter)));
        int window = Integer.getInteger("routing.bench.windowSeconds", 5);
        TABLE.put("(b) p99 / max per " + window + " s of sending (" + shape + "): when the slow ones were sent", byWindow(sentAfter, latencies, got, window));
        if (statements) {
            TABLE.put("(b) PostgreSQL statements by total time (" + shape + "), pg_stat_statements", statementStatistics());
        }
    }

    /**
     * Profiling aid: when the PostgreSQL server was started with pg_stat_statements preloaded
     * ({@code -Dswitchboard.postgres.config=shared_preload_libraries=pg_stat_statements,pg_stat_statements.track_planning=on}),
     * clears its figures so that the run's statements can be printed; false otherwise.
     */
    private static boolean resetStatementStatistics() throws SQLException {
        try (Connection db = cluster.jdbc(); var statement = db.createStatement()) {
            try (ResultSet preloaded = statement.executeQuery("select current_setting('shared_preload_libraries') like '%pg_stat_statements%'")) {
                if (!preloaded.next() || !preloaded.getBoolean(1)) {
                    return false;
                }
            }
            statement.execute("create extension if not exists pg_stat_statements");
            statement.execute("select pg_stat_statements_reset()");
            return true;
        }
    }

    private static String statementStatistics() throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection db = cluster.jdbc(); var statement = db.createStatement();
             ResultSet rows = statement.executeQuery("select calls, total_exec_time, total_plan_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) "
                     + "from pg_stat_statements order by total_exec_time + total_plan_time desc limit 15")) {
            while (rows.next()) {
                text.append(String.format("%n    %8d calls, exec %7.0f ms, plan %6.0f ms: %s", rows.getLong(1), rows.getDouble(2), rows.getDouble(3), rows.getString(4)));
            }
        }
        return text.toString();
    }

    /** The p99 and max latency of the events sent in each window of {@code seconds}: steady, or stalls at moments. */
    private static String byWindow(long[] sentAfter, long[] latencies, int count, int seconds) {
        long window = TimeUnit.SECONDS.toNanos(seconds);
        Map<Long, List<Long>> windows = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            windows.computeIfAbsent(sentAfter[i] / window, w -> new ArrayList<>()).add(latencies[i]);
        }
        List<String> parts = new ArrayList<>();
        windows.forEach((w, values) -> {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            parts.add(String.format("%d s: %.0f/%.0f", w * seconds, at(sorted, 0.99), sorted[sorted.length - 1] / 1e6));
        });
        return String.join(", ", parts) + " ms";
    }

    /** Organizations of 200/{@code count} agents each, 200 agents in all, with room for {@code conversations} among them. */
    private static List<RoutingFixture.Org> organizations(int count, int conversations) throws SQLException {
        List<RoutingFixture.Org> orgs = new ArrayList<>();
        try (Connection db = cluster.jdbc()) {
            for (int i = 0; i < count; i++) {
                orgs.add(RoutingFixture.uniform(db, 200 / count, "SMS", Math.min(100, conversations / 200 + 1), true, "ROUND_ROBIN"));
            }
        }
        return orgs;
    }

    /** {@code n} conversation.opened records at {@code rate} per second, round robin over the organizations; the send time of each. */
    private static void send(List<RoutingFixture.Org> orgs, int n, int rate, String prefix, Map<String, Long> sent) throws InterruptedException {
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long wait = start + i * periodNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            RoutingFixture.Org org = orgs.get(i % orgs.size());
            String externalId = prefix + ":" + i + ":" + UUID.randomUUID();
            Events.Envelope envelope = Events.envelope(EventCatalog.CONVERSATION_OPENED, org.id(), opened(org, externalId));
            sent.put(externalId, System.nanoTime());
            producer.send(new ProducerRecord<>(envelope.topic(), envelope.key(), envelope.json()));
        }
    }

    /** Waits until {@code n} assigned or queued events came from routing-service. */
    private static void awaitRouted(BlockingQueue<AssignmentLog.Entry> events, int n) throws InterruptedException {
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (seen < n && System.nanoTime() < deadline) {
            AssignmentLog.Entry entry = events.poll(1, TimeUnit.SECONDS);
            if (entry != null && (entry.type().equals("routing.conversation.assigned") || entry.type().equals("routing.conversation.queued"))) {
                seen++;
            }
        }
        assertThat(seen).as("routing events for the warm-up").isEqualTo(n);
    }

    /** The machine's total and idle CPU ticks (/proc/stat), to say whether a run was bound by the CPU. */
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

    /** p50/p99 of the two halves of (b) as the database recorded them: the claim's time after opening, and the outbox relay's delay. */
    private static String breakdown(List<RoutingFixture.Org> orgs) throws SQLException {
        UUID[] orgIds = orgs.stream().map(RoutingFixture.Org::id).toArray(UUID[]::new);
        String[] keys = orgs.stream().map(org -> org.id().toString()).toArray(String[]::new);
        try (Connection db = cluster.jdbc();
             PreparedStatement claimed = db.prepareStatement("select percentile_cont(0.5) within group (order by ms), percentile_cont(0.99) "
                     + "within group (order by ms) from (select extract(epoch from assigned_at - opened_at) * 1000 as ms from work_items "
                     + "where org_id = any(?) and assigned_at is not null) t");
             PreparedStatement relayed = db.prepareStatement("select percentile_cont(0.5) within group (order by ms), percentile_cont(0.99) "
                     + "within group (order by ms) from (select extract(epoch from sent_at - created_at) * 1000 as ms from outbox "
                     + "where event_key = any(?) and event_type = 'routing.conversation.assigned' and sent_at is not null) t")) {
            claimed.setArray(1, db.createArrayOf("uuid", orgIds));
            relayed.setArray(1, db.createArrayOf("text", keys));
            return String.format("claimed p50 %.1f ms, p99 %.1f ms; relayed p50 %.1f ms, p99 %.1f ms", first(claimed, 1), first(claimed, 2),
                    first(relayed, 1), first(relayed, 2));
        }
    }

    private static double first(PreparedStatement query, int column) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getDouble(column) : Double.NaN;
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // (c) a close -> the next queued conversation assigned
    // -------------------------------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void closeToNextQueuedAssigned() throws Exception {
        int closes = Integer.getInteger("routing.bench.closes", 200);
        RoutingFixture.Org org;
        try (Connection db = cluster.jdbc()) {
            org = RoutingFixture.uniform(db, 50, "SMS", 1, true, "ROUND_ROBIN");
        }
        BlockingQueue<AssignmentLog.Entry> events = tail.follow(org.id());
        openConcurrently(org, 50 + closes, 4); // 50 assigned, the rest queued
        assertThat(count(org.id(), "QUEUED")).isEqualTo(closes);
        long[] latencies = new long[closes];
        try (Events publisher = Events.onSharedBroker()) {
            for (int i = 0; i < closes; i++) {
                String closing = anyAssigned(org.id());
                events.clear();
                long t0 = System.nanoTime();
                publisher.publish(Events.envelope(EventCatalog.CONVERSATION_ENDED, org.id(), new ConversationEnded(org.id(), closing, Instant.now())));
                AssignmentLog.Entry next = awaitType(events, "routing.conversation.assigned", Duration.ofSeconds(30));
                latencies[i] = next.receivedNanos() - t0;
                awaitAssignedInDatabase(org.id(), 50);
            }
        }
        TABLE.put("(c) conversation.closed on Kafka -> next queued routing.conversation.assigned (" + closes + " closes)", percentiles(latencies));
    }

    private static String anyAssigned(UUID orgId) throws SQLException {
        try (Connection db = cluster.jdbc(); PreparedStatement query = db.prepareStatement(
                "select external_id from work_items where org_id = ? and status = 'ASSIGNED' order by random() limit 1")) {
            query.setObject(1, orgId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private static void awaitAssignedInDatabase(UUID orgId, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(orgId, "ASSIGNED") != expected) {
            assertThat(System.nanoTime()).as("assigned count back to " + expected).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // (d) a backlog of 500 drained as 50 agents become available
    // -------------------------------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void backlogDrainedAsAgentsBecomeAvailable() throws Exception {
        int backlog = 500;
        int agents = 50;
        int capacity = 10;
        long staggerMillis = Long.getLong("routing.bench.availabilityStaggerMillis", 20);
        RoutingFixture.Org org;
        try (Connection db = cluster.jdbc()) {
            org = RoutingFixture.uniform(db, agents, "SMS", capacity, false, "LOAD_BALANCED");
        }
        BlockingQueue<AssignmentLog.Entry> events = tail.follow(org.id());
        openConcurrently(org, backlog, 4);
        assertThat(count(org.id(), "QUEUED")).isEqualTo(backlog);
        events.clear();
        long t0 = System.nanoTime();
        long lastAvailable;
        try (Events publisher = Events.onSharedBroker()) {
            for (int i = 0; i < agents; i++) {
                UUID agent = org.agents().get(i);
                publisher.publish(Events.envelope(EventCatalog.AVAILABILITY_CHANGED, org.id(), new AvailabilityChanged(org.id(), org.portals().get(0),
                        agent, true, null, agent, Instant.now(), "TOGGLED")));
                if (i < agents - 1) {
                    Thread.sleep(staggerMillis);
                }
            }
            lastAvailable = System.nanoTime();
        }
        int assigned = 0;
        long lastAssigned = t0;
        while (assigned < backlog) {
            AssignmentLog.Entry entry = events.poll(60, TimeUnit.SECONDS);
            assertThat(entry).as("assignment " + (assigned + 1) + " of " + backlog).isNotNull();
            if (entry.type().equals("routing.conversation.assigned")) {
                assigned++;
                lastAssigned = entry.receivedNanos();
            }
        }
        assertThat(count(org.id(), "QUEUED")).isZero();
        TABLE.put("(d) backlog " + backlog + " drained as " + agents + " agents (capacity " + capacity + ") become available every "
                        + staggerMillis + " ms",
                String.format("empty after %d ms; ideal (last agent available, capacity = backlog) %d ms; drain lag %d ms",
                        (lastAssigned - t0) / 1_000_000, (lastAvailable - t0) / 1_000_000, (lastAssigned - lastAvailable) / 1_000_000));
    }

    // -------------------------------------------------------------------------------------------------------------
    // (e) removal / deactivation -> each open conversation routed again
    // -------------------------------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void removalReroutesOpenConversations() throws Exception {
        int removals = Integer.getInteger("routing.bench.removals", 100);
        int agents = removals * 2;
        RoutingFixture.Org org;
        try (Connection db = cluster.jdbc()) {
            org = RoutingFixture.uniform(db, agents, "SMS", 4, true, "ROUND_ROBIN");
        }
        BlockingQueue<AssignmentLog.Entry> events = tail.follow(org.id());
        openConcurrently(org, agents * 3 / 2, 4); // round robin: each agent holds 1 or 2
        List<Long> latencies = new ArrayList<>();
        try (Events publisher = Events.onSharedBroker()) {
            for (int i = 0; i < removals; i++) {
                UUID agent = org.agents().get(i);
                List<UUID> held = heldBy(org.id(), agent);
                events.clear();
                long t0 = System.nanoTime();
                if (i % 2 == 0) {
                    publisher.publish(Events.envelope(EventCatalog.MEMBER_REMOVED, org.id(), new MemberRemoved(org.id(), agent)));
                } else {
                    publisher.publish(Events.envelope(EventCatalog.MEMBER_DEACTIVATED, org.id(), new MemberDeactivated(org.id(), agent)));
                }
                Map<UUID, Boolean> pending = new HashMap<>();
                held.forEach(work -> pending.put(work, Boolean.FALSE));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (pending.containsValue(Boolean.FALSE)) {
                    AssignmentLog.Entry entry = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    assertThat(entry).as("routing events for the work of removed agent " + i).isNotNull();
                    UUID work = entry.workId();
                    if (!pending.containsKey(work)) {
                        continue;
                    }
                    if (entry.type().equals("routing.conversation.rerouted")) {
                        pending.put(work, Boolean.FALSE);
                    } else if (entry.type().equals("routing.conversation.assigned") || entry.type().equals("routing.conversation.queued")) {
                        pending.put(work, Boolean.TRUE);
                        latencies.add(entry.receivedNanos() - t0);
                    }
                }
            }
        }
        assertThat(latencies).isNotEmpty();
        TABLE.put("(e) org.member.removed/deactivated -> each open conversation routed again (" + removals + " removals, " + latencies.size()
                + " conversations)", percentiles(latencies.stream().mapToLong(Long::longValue).toArray()));
    }

    private static List<UUID> heldBy(UUID orgId, UUID agent) throws SQLException {
        List<UUID> held = new ArrayList<>();
        try (Connection db = cluster.jdbc(); PreparedStatement query = db.prepareStatement(
                "select id from work_items where org_id = ? and assignee_id = ? and status = 'ASSIGNED'")) {
            query.setObject(1, orgId);
            query.setObject(2, agent);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    held.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return held;
    }

    // -------------------------------------------------------------------------------------------------------------

    private static long count(UUID orgId, String status) throws SQLException {
        try (Connection db = cluster.jdbc(); PreparedStatement query = db.prepareStatement(
                "select count(*) from work_items where org_id = ? and status = ?")) {
            query.setObject(1, orgId);
            query.setString(2, status);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static AssignmentLog.Entry awaitType(BlockingQueue<AssignmentLog.Entry> events, String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            AssignmentLog.Entry entry = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(entry).as("a " + type + " event within " + timeout).isNotNull();
            if (entry.type().equals(type)) {
                return entry;
            }
        }
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

    /** Follows routing.assignments.v1 from now on, handing each organization's events to its queue with their arrival time. */
    private static final class Tail implements AutoCloseable {

        private final Map<String, BlockingQueue<AssignmentLog.Entry>> byOrg = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Tail() {
            KafkaConsumer<String, String> consumer = AssignmentLog.tail();
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                            long now = System.nanoTime();
                            BlockingQueue<AssignmentLog.Entry> queue = byOrg.get(record.key());
                            if (queue != null) {
                                queue.add(AssignmentLog.parse(record, now));
                            }
                        }
                    }
                }
            }, "routing-benchmark-tail");
            thread.setDaemon(true);
            thread.start();
        }

        BlockingQueue<AssignmentLog.Entry> follow(UUID orgId) {
            return byOrg.computeIfAbsent(orgId.toString(), key -> new LinkedBlockingQueue<>());
        }

        /** One queue for the events of all these organizations. */
        BlockingQueue<AssignmentLog.Entry> follow(List<UUID> orgIds) {
            BlockingQueue<AssignmentLog.Entry> queue = new LinkedBlockingQueue<>();
            orgIds.forEach(orgId -> byOrg.put(orgId.toString(), queue));
            return queue;
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
