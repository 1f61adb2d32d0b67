package io.switchboard.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Stopping: the shutdown hook (services first, then the servers), and what a killed launcher left behind. */
final class Shutdown {

    private final Console console;
    private final Path home;
    private final ComponentTable table;

    Shutdown(Console console, Path home, ComponentTable table) {
        this.console = console;
        this.home = home;
        this.table = table;
    }

    /** The shutdown hook: services first, then Keycloak, Kafka, PostgreSQL, SMTP; then nothing may be left. */
    void stopAll() {
        table.markStopping();
        long start = System.nanoTime();
        System.out.println();
        console.say("stopping the devstack (services first, then Keycloak, Kafka, PostgreSQL, SMTP)");
        List<Component> services = table.services();
        if (!services.isEmpty()) {
            console.say("stopping " + String.join(", ", services.stream().map(c -> c.name + " (pid " + c.pids() + ")").toList()));
            long t = System.nanoTime();
            List<Thread> threads = services.stream().map(c -> Thread.ofPlatform().start(() -> close(c))).toList();
            threads.forEach(Shutdown::join);
            console.say("services stopped (" + Console.oneDecimal((System.nanoTime() - t) / 1e9) + " s)");
        }
        for (String name : List.of("keycloak", "kafka", "postgres", "smtp")) {
            table.all().stream().filter(c -> c.name.equals(name)).findFirst().ifPresent(c -> {
                long t = System.nanoTime();
                console.say("stopping " + name + (c.processes.isEmpty() ? " (in this JVM)" : " (pid " + c.pids() + ")"));
                close(c);
                console.say(name + " stopped (" + Console.oneDecimal((System.nanoTime() - t) / 1e9) + " s)");
            });
        }
        // whatever is still there: a server that was half-way through starting, a process that ignored SIGTERM
        Set<ProcessHandle> left = new LinkedHashSet<>(ProcessHandle.current().descendants().toList());
        table.all().forEach(c -> left.addAll(c.liveTree()));
        DevPostgres.postmaster(home.resolve("postgres")).ifPresent(left::add);
        left.removeIf(p -> !p.isAlive());
        if (!left.isEmpty()) {
            console.say("ending " + left.size() + " remaining process(es): "
                    + String.join(", ", left.stream().map(p -> p.pid() + " " + shortCommand(p)).toList()));
            Processes.terminate(left, Duration.ofSeconds(10));
        }
        DevFiles.deleteIfExists(home.resolve("pids"));
        DevFiles.deleteIfExists(home.resolve("devstack.pid"));
        console.say("devstack stopped in " + Console.oneDecimal((System.nanoTime() - start) / 1e9) + " s; no process left behind");
        System.out.flush();
    }

    /** Processes of a launcher that was killed with SIGKILL (its shutdown hook never ran), from .devstack/pids. */
    void stopLeftovers() {
        Path pidsFile = home.resolve("pids");
        Map<ProcessHandle, String> leftovers = new LinkedHashMap<>();
        ComponentTable.readPidRecords(pidsFile).reversed().forEach(r -> leftovers.put(r.process(), r.name())); // services first
        DevPostgres.postmaster(home.resolve("postgres")).ifPresent(p -> leftovers.putIfAbsent(p, "postgres"));
        // signal only the top of each tree: PostgreSQL's own workers, for one, must be ended by their postmaster
        Set<Long> pids = new LinkedHashSet<>(leftovers.keySet().stream().map(ProcessHandle::pid).toList());
        List<ProcessHandle> roots = leftovers.keySet().stream()
                .filter(p -> p.parent().map(parent -> !pids.contains(parent.pid())).orElse(true)).toList();
        if (!roots.isEmpty()) {
            console.say("a previous devstack did not stop cleanly (killed with kill -9?); stopping what it left running: "
                    + String.join(", ", roots.stream().map(p -> leftovers.get(p) + " " + p.pid()).toList()));
            Processes.terminate(roots, Duration.ofSeconds(20));
            Set<ProcessHandle> rest = new LinkedHashSet<>(leftovers.keySet());
            roots.forEach(r -> r.descendants().forEach(rest::add));
            Processes.terminate(rest, Duration.ofSeconds(5));
            console.say("left-over processes stopped");
        }
        DevFiles.deleteIfExists(pidsFile);
    }

    private void close(Component c) {
        try {
            if (c.stopper != null) {
                c.stopper.close();
            }
        } catch (Exception e) {
            console.say(c.name + ": " + Console.firstLine(e.getMessage()));
        }
        Processes.terminate(c.liveTree(), Duration.ofSeconds(10));
    }

    private static String shortCommand(ProcessHandle p) {
        String command = p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
        Optional<String[]> args = p.info().arguments();
        String hint = args.stream().flatMap(Stream::of)
                .filter(a -> a.startsWith("kafka.") || a.startsWith("org.springframework.boot") || a.endsWith(".jar") || a.endsWith("kc.sh")
                        || a.contains("QuarkusEntryPoint"))
                .max(Comparator.comparingInt(String::length)).map(a -> " " + Path.of(a).getFileName()).orElse("");
        return "(" + command + hint + ")";
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
