package io.switchboard.membership.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.EventType;
import io.switchboard.events.Topics;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.MemberReactivated;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.org.MemberRoleChanged;
import io.switchboard.events.org.MembershipState;
import io.switchboard.membership.MembershipProjection;
import io.switchboard.membership.MembershipProjectionUpdater;
import io.switchboard.testing.Events;
import io.switchboard.testing.RealServers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's projection figures (Done-when 2): start-time load and retained heap of a membership projection for
 * a history of changes over a set of current members, before (the old projection replaying org.memberships.v1
 * from offset 0, {@link HistoryReplayUpdater}) and after (today's projection loading org.membership-state.v1,
 * uncompacted and once the broker's log cleaner has compacted it). Real Kafka (the shared broker). Prints a table
 * (also target/bench/projection-benchmark.txt). Not part of the default run (surefire runs *Test classes):
 * <pre>{@code ./mvnw -B -o verify -pl platform/membership -am -Dtest=ProjectionBenchmark -Dsurefire.failIfNoSpecifiedTests=false}</pre>
 * Sizes: -Dmembership.bench.changes (default 1,000,000), -Dmembership.bench.members (current members at the end,
 * default 100,000), -Dmembership.bench.orgs (default 1,000). The figures are printed, not asserted; the run asserts
 * only that every projection ends with exactly the expected memberships.
 *
 * <p>Heap: {@link java.lang.management.MemoryMXBean} heap used after three {@code System.gc()} calls with the
 * loaded projection reachable and its consumer closed, minus the same figure taken just before it was created.
 */
class ProjectionBenchmark {

    private static final int CHANGES = Integer.getInteger("membership.bench.changes", 1_000_000);
    private static final int MEMBERS = Integer.getInteger("membership.bench.members", 100_000);
    private static final int ORGS = Integer.getInteger("membership.bench.orgs", 1_000);
    /** As many people again join and are later removed: the history holds them, the current state does not. */
    private static final int DEPARTED = MEMBERS;
    private static final List<String> ROLES = List.of("AGENT", "MANAGER", "VIEWER", "ADMIN");

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final String historyTopic = "org.memberships.bench-" + run;
    private final String stateTopic = "org.membership-state.bench-" + run;
    private final Map<String, String> table = new LinkedHashMap<>();

    /** The expected end state: role and status of member i, or null once removed. */
    private final String[] role = new String[MEMBERS + DEPARTED];
    private final boolean[] deactivated = new boolean[MEMBERS + DEPARTED];
    private final boolean[] removed = new boolean[MEMBERS + DEPARTED];

    @Test
    void membershipProjectionLoad_beforeAndAfter() throws Exception {
        assertThat(CHANGES).as("changes must cover every join and removal").isGreaterThanOrEqualTo(MEMBERS + 2 * DEPARTED);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(
                    new NewTopic(historyTopic, 3, (short) 1).configs(Map.of("retention.ms", "-1")),
                    // written as a plain topic first (the uncompacted figure), compacted afterwards
                    new NewTopic(stateTopic, 3, (short) 1).configs(Map.of("retention.ms", "-1", "segment.bytes", "1048576",
                            "segment.ms", "1000", "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "0", "min.compaction.lag.ms", "0"))))
                    .all().get(30, TimeUnit.SECONDS);

            long produceStart = System.nanoTime();
            produceHistoryAndState();
            table.put("produce " + CHANGES + " changes (both topics)", seconds(System.nanoTime() - produceStart));
            table.put("history topic records", Long.toString(countRecords(historyTopic)[0]));
            long[] uncompacted = countRecords(stateTopic);
            table.put("state topic records, uncompacted (values + tombstones)", uncompacted[0] + " (" + uncompacted[1] + " + " + uncompacted[2] + ")");

            measureBefore();
            measureAfter("after, state topic uncompacted");

            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, stateTopic),
                    List.of(new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
            long compactStart = System.nanoTime();
            long[] compacted = awaitCompaction();
            table.put("log cleaner: compaction took", seconds(System.nanoTime() - compactStart));
            table.put("state topic records, compacted (values + tombstones)", compacted[0] + " (" + compacted[1] + " + " + compacted[2] + ")");

            measureAfter("after, state topic compacted");

            admin.deleteTopics(List.of(historyTopic, stateTopic)).all().get(60, TimeUnit.SECONDS);
        } finally {
            report();
        }
    }

    // --- the data: joins of everyone, then role changes, deactivations and reactivations of the members who stay,
    // --- removals of the departed ones, in a seeded random order; each change is an event on the history topic
    // --- and the membership's new state (or a tombstone) on the state topic, as org-service writes them

    private void produceHistoryAndState() {
        Random random = new Random(13);
        int people = MEMBERS + DEPARTED;
        int[] joinOrder = shuffled(people, random);
        int[] removalOrder = shuffled(DEPARTED, random);
        int removals = 0;
        int laterChanges = CHANGES - people - DEPARTED;
        try (KafkaProducer<String, String> producer = producer()) {
            for (int person : joinOrder) {
                role[person] = ROLES.get(random.nextInt(ROLES.size()));
                send(producer, person, EventCatalog.MEMBER_JOINED, new MemberJoined(org(person), user(person), role[person]));
            }
            for (int change = 0; change < laterChanges + DEPARTED; change++) {
                // removals spread evenly through the later changes
                boolean removal = removals < DEPARTED && (long) change * DEPARTED >= (long) removals * (laterChanges + DEPARTED);
                if (removal) {
                    int person = MEMBERS + removalOrder[removals++];
                    removed[person] = true;
                    send(producer, person, EventCatalog.MEMBER_REMOVED, new MemberRemoved(org(person), user(person)));
                    continue;
                }
                int person = random.nextInt(MEMBERS);
                int what = random.nextInt(3);
                if (what == 0 && !deactivated[person]) {
                    deactivated[person] = true;
                    send(producer, person, EventCatalog.MEMBER_DEACTIVATED, new MemberDeactivated(org(person), user(person)));
                } else if (what == 0) {
                    deactivated[person] = false;
                    send(producer, person, EventCatalog.MEMBER_REACTIVATED, new MemberReactivated(org(person), user(person), role[person]));
                } else {
                    String previous = role[person];
                    role[person] = ROLES.get((ROLES.indexOf(previous) + 1 + random.nextInt(ROLES.size() - 1)) % ROLES.size());
                    send(producer, person, EventCatalog.MEMBER_ROLE_CHANGED, new MemberRoleChanged(org(person), user(person), previous, role[person]));
                }
            }
            producer.flush();
        }
    }

    private <T extends Record> void send(KafkaProducer<String, String> producer, int person, EventType<T> type, T event) {
        UUID org = org(person);
        producer.send(new ProducerRecord<>(historyTopic, org.toString(), Events.envelope(type, org, event).json()));
        String key = Topics.membershipStateKey(org, user(person));
        String state = removed[person] ? null : Events.envelope(EventCatalog.MEMBERSHIP_STATE, org,
                new MembershipState(org, user(person), role[person], deactivated[person] ? "DEACTIVATED" : "ACTIVE")).json();
        producer.send(new ProducerRecord<>(stateTopic, key, state));
    }

    // --- the measurements

    private void measureBefore() {
        long baseline = heapAfterGc();
        HistoryReplayProjection projection = new HistoryReplayProjection();
        HistoryReplayUpdater updater = new HistoryReplayUpdater(projection, bootstrap(), Map.of(), historyTopic);
        long start = System.nanoTime();
        updater.start();
        await(updater::isCaughtUp);
        long load = System.nanoTime() - start;
        updater.stop();
        long retained = heapAfterGc() - baseline;
        int held = projection.size();
        for (int person = 0; person < role.length; person++) {
            var membership = projection.find(org(person), user(person)).orElseThrow();
            assertThat(membership.status().name()).isEqualTo(removed[person] ? "REMOVED" : deactivated[person] ? "DEACTIVATED" : "ACTIVE");
            assertThat(membership.role()).isEqualTo(role[person]);
        }
        Reference.reachabilityFence(projection);
        row("before, history topic (org.memberships.v1 from offset 0)", load, retained, held);
    }

    private void measureAfter(String label) {
        long baseline = heapAfterGc();
        MembershipProjection projection = new MembershipProjection();
        MembershipProjectionUpdater updater = new MembershipProjectionUpdater(projection, bootstrap(), Map.of(), stateTopic);
        long start = System.nanoTime();
        updater.start();
        await(updater::isCaughtUp);
        long load = System.nanoTime() - start;
        updater.stop();
        long retained = heapAfterGc() - baseline;
        int held = projection.size();
        assertThat(held).isEqualTo(MEMBERS);
        for (int person = 0; person < role.length; person++) {
            var membership = projection.find(org(person), user(person));
            if (removed[person]) {
                assertThat(membership).isEmpty();
            } else {
                assertThat(membership.orElseThrow().status().name()).isEqualTo(deactivated[person] ? "DEACTIVATED" : "ACTIVE");
                assertThat(membership.orElseThrow().role()).isEqualTo(role[person]);
            }
        }
        Reference.reachabilityFence(projection);
        row(label, load, retained, held);
    }

    private void row(String label, long loadNanos, long retainedBytes, int held) {
        table.put(label + ": load to caught-up", seconds(loadNanos));
        table.put(label + ": heap retained", String.format("%.1f MB", retainedBytes / 1024.0 / 1024.0));
        table.put(label + ": memberships held", Integer.toString(held));
    }

    /**
     * Rolls the active segments (a record per partition after segment.ms: a tombstone for a key no one holds) so the
     * cleaner may compact them, then waits until the values are down to one per current member and the tombstones
     * of the departed members are gone or have stopped going (-Dmembership.bench.tombstoneRounds counts without
     * progress, default 3); at most 8 minutes. The cleaner drops a tombstone only when it passes over its segment
     * again after delete.retention.ms (0 here).
     */
    private long[] awaitCompaction() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        int patience = Integer.getInteger("membership.bench.tombstoneRounds", 3);
        long[] counts = countRecords(stateTopic);
        int round = 0;
        int stalled = 0;
        while (counts[1] > MEMBERS * 1.02 || (counts[2] > 3L * round + MEMBERS * 0.02 && stalled < patience)) {
            if (System.nanoTime() > deadline) {
                System.out.println("compaction did not finish within 8 minutes; measuring as it is");
                break;
            }
            Thread.sleep(1500);
            rollSegments(round++);
            Thread.sleep(15_000); // log.cleaner.backoff.ms
            long tombstonesBefore = counts[2];
            counts = countRecords(stateTopic);
            stalled = counts[1] <= MEMBERS * 1.02 && counts[2] >= tombstonesBefore ? stalled + 1 : 0;
            System.out.printf("state topic: %d records (%d values, %d tombstones)%n", counts[0], counts[1], counts[2]);
        }
        return counts;
    }

    private void rollSegments(int round) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (int partition = 0; partition < 3; partition++) {
                producer.send(new ProducerRecord<>(stateTopic, partition, Topics.membershipStateKey(new UUID(round, partition), UUID.randomUUID()), null));
            }
            producer.flush();
        }
    }

    /** Records on the topic now: all, values, tombstones. */
    private long[] countRecords(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long values = 0;
            long tombstones = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        tombstones++;
                    } else {
                        values++;
                    }
                }
            }
            return new long[] {values + tombstones, values, tombstones};
        }
    }

    private void report() throws IOException {
        StringBuilder out = new StringBuilder(String.format("%nProjection benchmark: %,d changes over %,d current members (%,d orgs; %,d more joined and were removed)%n",
                CHANGES, MEMBERS, ORGS, DEPARTED));
        out.append(String.format("Java %s, %d cores, max heap %d MB%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1024 / 1024));
        table.forEach((name, value) -> out.append(String.format("  %-70s %s%n", name, value)));
        System.out.println(out);
        Path file = Path.of("target", "bench", "projection-benchmark.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
    }

    // --- helpers

    private static UUID org(int person) {
        return new UUID(0x0B0A_0000_0000_0000L, person % ORGS);
    }

    private static UUID user(int person) {
        return new UUID(0x05E4_0000_0000_0000L, person);
    }

    private static int[] shuffled(int size, Random random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not caught up within 10 minutes");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144));
    }

    private static String bootstrap() {
        return RealServers.kafka().bootstrapServers();
    }

    private static String seconds(long nanos) {
        return String.format("%.2f s", nanos / 1e9);
    }
}
