package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.NotificationE2ETest.Desk;
import io.switchboard.e2e.NotificationE2ETest.LiveStream;
import io.switchboard.e2e.Stack.Person;
import io.switchboard.events.EventCatalog;
import io.switchboard.events.Topics;
import io.switchboard.testing.RealServers;
import io.switchboard.testing.push.PushDevice;
import io.switchboard.testing.push.ReceivedPush;
import io.switchboard.testing.push.TestPushService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, Done-when 1's figures: conversations opened on conversations.inbound.v1 at a steady rate, each routed to
 * one of several agents who each have a live stream open through the gateway and a device subscribed at the test push
 * service. For each assignment, the time from the routing.conversation.assigned event (its envelope {@code time},
 * stamped by routing-service when it commits the assignment; read from routing.assignments.v1 by a consumer of this
 * test) to (a) the push arriving at the test push service (which then checks the VAPID JWT and decrypts it; every one
 * is asserted to decrypt) and (b) the SSE {@code notification} event arriving at the test's reader. All clocks are this
 * machine's. Prints the figures and writes them to e2e/target/bench/notifications.txt; not part of the default run:
 * {@code ./mvnw -pl e2e verify -Dtest=NotificationBenchmark} ({@code -Dbench.notifications=200 -Dbench.rate=5
 * -Dbench.agents=4} are the defaults: assignments, per second, agents).
 */
class NotificationBenchmark {

    private static final int ASSIGNMENTS = Integer.getInteger("bench.notifications", 200);
    private static final double PER_SECOND = Double.parseDouble(System.getProperty("bench.rate", "5"));
    private static final int AGENTS = Integer.getInteger("bench.agents", 4);

    record Assigned(UUID workId, String externalId, UUID assigneeId, Instant time) {
    }

    @Test
    void assignmentToPushAndToLiveStream() throws Exception {
        assertThat(ASSIGNMENTS).as("an agent's SMS capacity is 100").isLessThanOrEqualTo(AGENTS * 100 - AGENTS);
        Stack stack = Stack.shared();
        List<LiveStream> streams = new ArrayList<>();
        try (TestPushService push = TestPushService.start(); Desk desk = Desk.create(stack, "bench"); AssignmentLog log = new AssignmentLog(desk.org)) {
            List<Desk.Agent> agents = new ArrayList<>();
            Map<UUID, PushDevice> devices = new HashMap<>();
            Map<UUID, LiveStream> streamOf = new HashMap<>();
            for (int i = 0; i < AGENTS; i++) {
                agents.add(desk.newAgent("Bench" + (char) ('A' + i)));
            }
            // each agent signs in, opens the live stream and subscribes a device (fresh tokens: a stream ends with its token)
            for (Desk.Agent agent : agents) {
                Person session = agent.signIn();
                LiveStream stream = desk.openStream(session);
                streams.add(stream);
                streamOf.put(agent.id(), stream);
                PushDevice device = push.newSubscription(desk.vapidPublicKey());
                desk.subscribe(session, device, "bench-device-" + agent.id());
                devices.put(agent.id(), device);
            }
            // warm-up, not measured: one assignment each, delivered both ways
            for (Desk.Agent agent : agents) {
                String externalId = "warm-up-" + agent.id();
                Desk.Expected expected = desk.expected(desk.openAndAwaitAssigned(agent, externalId), externalId);
                devices.get(agent.id()).awaitPush(expected::isShownBy, Duration.ofSeconds(30));
                streamOf.get(agent.id()).awaitNotification(expected.url(), Duration.ofSeconds(30));
            }

            // the measured assignments, at a steady rate, round robin over the agents
            String prefix = "bench-" + desk.suffix + "-";
            String loadBefore = uptime();
            long interval = (long) (TimeUnit.SECONDS.toNanos(1) / PER_SECOND);
            long start = System.nanoTime();
            Map<String, Instant> published = new HashMap<>();
            String loadDuring = null;
            for (int i = 0; i < ASSIGNMENTS; i++) {
                LockSupport.parkNanos(start + i * interval - System.nanoTime());
                String externalId = prefix + i;
                published.put(externalId, Instant.now());
                desk.open(agents.get(i % AGENTS), externalId);
                if (i == ASSIGNMENTS / 2) {
                    loadDuring = uptime();
                }
            }
            double publishSeconds = (System.nanoTime() - start) / 1e9;

            // every one arrives, once, both ways
            Map<UUID, Integer> perAgent = new HashMap<>();
            for (int i = 0; i < ASSIGNMENTS; i++) {
                perAgent.merge(agents.get(i % AGENTS).id(), 1, Integer::sum);
            }
            for (Desk.Agent agent : agents) {
                int expected = 1 + perAgent.getOrDefault(agent.id(), 0);
                devices.get(agent.id()).awaitPushes(expected, Duration.ofSeconds(120));
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (streamOf.get(agent.id()).notifications().size() < expected && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            String loadAfter = uptime();
            Thread.sleep(1000); // a late duplicate would show now
            Map<UUID, Assigned> assigned = log.awaitExternalIds(prefix, ASSIGNMENTS, Duration.ofSeconds(30));

            Map<UUID, Instant> pushedAt = new HashMap<>();
            Map<UUID, Instant> streamedAt = new HashMap<>();
            for (Desk.Agent agent : agents) {
                for (ReceivedPush received : devices.get(agent.id()).received()) {
                    UUID workId = workIdOf(received.json().get("tag").asString());
                    assertThat(pushedAt.put(workId, received.receivedAt())).as("a second push for " + workId).isNull();
                    assertThat(received.urgency()).isEqualTo("high");
                }
                assertThat(devices.get(agent.id()).rejected()).as("pushes that failed the VAPID or decryption checks").isEmpty();
                for (LiveStream.Event event : streamOf.get(agent.id()).events) {
                    if (event.type().equals("notification")) {
                        UUID workId = workIdOf(Stack.JSON.readTree(event.data()).get("tag").asString());
                        assertThat(streamedAt.put(workId, event.at())).as("a second SSE notification for " + workId).isNull();
                    }
                }
            }
            long[] toPush = new long[ASSIGNMENTS];
            long[] toStream = new long[ASSIGNMENTS];
            long[] openedToAssigned = new long[ASSIGNMENTS];
            int n = 0;
            for (Assigned a : assigned.values()) {
                assertThat(pushedAt).as("the push for " + a.externalId()).containsKey(a.workId());
                assertThat(streamedAt).as("the SSE notification for " + a.externalId()).containsKey(a.workId());
                assertThat(a.assigneeId()).isEqualTo(agents.get(Integer.parseInt(a.externalId().substring(prefix.length())) % AGENTS).id());
                toPush[n] = micros(a.time(), pushedAt.get(a.workId()));
                toStream[n] = micros(a.time(), streamedAt.get(a.workId()));
                openedToAssigned[n] = micros(published.get(a.externalId()), a.time());
                n++;
            }
            assertThat(n).isEqualTo(ASSIGNMENTS);
            java.util.Arrays.sort(toPush);
            java.util.Arrays.sort(toStream);
            java.util.Arrays.sort(openedToAssigned);

            String report = String.format("notification benchmark %s: %d conversations opened on conversations.inbound.v1 at %.1f/s "
                            + "(published in %.1f s), round robin over %d agents, each with a live stream open through the gateway and one device "
                            + "at the test push service; after 1 unmeasured assignment per agent%n"
                            + "routing.conversation.assigned (envelope time) -> push arrived at the test push service (then VAPID-checked and "
                            + "decrypted): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (goal p99 <= 500 ms: %s)%n"
                            + "routing.conversation.assigned (envelope time) -> SSE notification event read through the gateway: "
                            + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (goal p99 <= 100 ms: %s)%n"
                            + "for context, conversation.opened published -> assigned (routing-service): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                            + "every assignment: exactly one push (decrypted, urgency high) and one SSE notification%n"
                            + "load (uptime): before %s | halfway %s | after %s%n",
                    Instant.now(), ASSIGNMENTS, PER_SECOND, publishSeconds, AGENTS,
                    pct(toPush, 50), pct(toPush, 90), pct(toPush, 99), toPush[n - 1] / 1000.0, pct(toPush, 99) <= 500 ? "met" : "NOT met",
                    pct(toStream, 50), pct(toStream, 90), pct(toStream, 99), toStream[n - 1] / 1000.0, pct(toStream, 99) <= 100 ? "met" : "NOT met",
                    pct(openedToAssigned, 50), pct(openedToAssigned, 99), openedToAssigned[n - 1] / 1000.0,
                    loadBefore, loadDuring, loadAfter);
            System.out.print(report);
            Path out = Path.of(System.getProperty("switchboard.root", ".."), "e2e", "target", "bench", "notifications.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        } finally {
            streams.forEach(LiveStream::close);
            stack.close(); // the shared stack: stopped at the JVM's end
        }
    }

    private static UUID workIdOf(String tag) {
        assertThat(tag).startsWith("conversation:");
        return UUID.fromString(tag.substring("conversation:".length()));
    }

    private static long micros(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1000;
    }

    /** The nearest-rank percentile, in milliseconds, of sorted microseconds. */
    private static double pct(long[] sortedMicros, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sortedMicros.length);
        return sortedMicros[Math.max(0, rank - 1)] / 1000.0;
    }

    private static String uptime() {
        try {
            Process process = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor(5, TimeUnit.SECONDS);
            return text;
        } catch (IOException | InterruptedException e) {
            try {
                return "loadavg " + Files.readString(Path.of("/proc/loadavg")).strip();
            } catch (IOException unreadable) {
                return "(load unknown)";
            }
        }
    }

    /** routing.conversation.assigned events of one org, read from routing.assignments.v1 from its end at start onwards. */
    static final class AssignmentLog implements AutoCloseable {

        private final UUID org;
        private final Map<UUID, Assigned> byWorkId = new ConcurrentHashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread reader;

        AssignmentLog(UUID org) {
            this.org = org;
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealServers.kafka().bootstrapServers(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTING_ASSIGNMENTS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            assertThat(partitions).as(Topics.ROUTING_ASSIGNMENTS + "'s partitions").isNotEmpty();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // the seek takes effect now, before anything is published
            reader = Thread.ofPlatform().name("bench-assignments").daemon().start(() -> {
                try (consumer) {
                    while (!stop.get()) {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                            take(record.value());
                        }
                    }
                }
            });
        }

        private void take(String value) {
            JsonNode envelope;
            try {
                envelope = Stack.JSON.readTree(value);
            } catch (RuntimeException notJson) {
                return;
            }
            JsonNode data = envelope.path("data");
            if (!EventCatalog.ROUTING_CONVERSATION_ASSIGNED.name().equals(envelope.path("type").asString())
                    || !org.toString().equals(data.path("orgId").asString())) {
                return;
            }
            UUID workId = UUID.fromString(data.get("workId").asString());
            byWorkId.putIfAbsent(workId, new Assigned(workId, data.get("externalId").asString(), UUID.fromString(data.get("assigneeId").asString()),
                    Instant.parse(envelope.get("time").asString())));
        }

        Map<UUID, Assigned> awaitExternalIds(String prefix, int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Map<UUID, Assigned> matching = new HashMap<>();
                byWorkId.forEach((id, a) -> {
                    if (a.externalId().startsWith(prefix)) {
                        matching.put(id, a);
                    }
                });
                if (matching.size() >= count || System.nanoTime() > deadline) {
                    assertThat(matching).as("assignments seen on " + Topics.ROUTING_ASSIGNMENTS).hasSize(count);
                    return matching;
                }
                Thread.sleep(100);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            reader.join(5000);
        }
    }
}
