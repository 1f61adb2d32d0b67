package io.switchboard.devstack;

import io.switchboard.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * What the devstack has started, in start order: the rows of the summary table, the processes each owns
 * (recorded in {@code .devstack/pids} so a launcher killed with SIGKILL can be cleaned up after), and
 * whether the stack is stopping.
 */
final class ComponentTable {

    /** "name pid startMillis" of a process recorded by an earlier launcher. */
    record PidRecord(String name, ProcessHandle process) {
    }

    private final Console console;
    private final Path pidsFile;
    private final List<Component> components = new CopyOnWriteArrayList<>();
    private final Map<Component, ChildProcess> serviceProcesses = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private volatile Component starting;

    ComponentTable(Console console, Path home) {
        this.console = console;
        this.pidsFile = home.resolve("pids");
    }

    Component begin(String name, String url, Path log, String what) {
        if (stopping) {
            throw new IllegalStateException("stopping");
        }
        Component c = new Component(name, url, log);
        starting = c;
        console.say(name + " ... " + what);
        return c;
    }

    void done(Component c, String note) {
        c.ready();
        components.add(c);
        writePids();
        console.say(c.name + " ... ready (" + Console.oneDecimal(c.seconds) + " s)" + (note.isEmpty() ? "" : ": " + note));
    }

    void addService(Component c, ChildProcess process) {
        serviceProcesses.put(c, process);
        components.add(c);
    }

    List<Component> all() {
        return List.copyOf(components);
    }

    List<Component> services() {
        return components.stream().filter(serviceProcesses::containsKey).toList();
    }

    boolean isAlive(Component service) {
        return serviceProcesses.get(service).isAlive();
    }

    Component starting() {
        return starting;
    }

    boolean stopping() {
        return stopping;
    }

    void markStopping() {
        stopping = true;
    }

    /** Everything the devstack runs: this JVM, its descendants, and the PostgreSQL that pg_ctl detached. */
    Set<ProcessHandle> stackProcesses() {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        all.add(ProcessHandle.current());
        ProcessHandle.current().descendants().forEach(all::add);
        components.forEach(c -> all.addAll(c.liveTree()));
        return all;
    }

    /** .devstack/pids: "name pid startMillis" per process, in start order. */
    synchronized void writePids() {
        StringBuilder text = new StringBuilder();
        for (Component c : components) {
            for (ProcessHandle p : c.processes) {
                text.append(c.name).append(' ').append(p.pid()).append(' ').append(Processes.startMillis(p)).append('\n');
            }
        }
        DevFiles.write(pidsFile, text.toString());
    }

    /** Live processes named in a pid file whose start time still matches (so a reused pid is left alone). */
    static List<PidRecord> readPidRecords(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(String::trim).filter(l -> !l.isEmpty()).flatMap(line -> {
                String[] f = line.split("\\s+");
                try {
                    String name = f.length > 2 ? f[0] : "devstack";
                    long pid = Long.parseLong(f[f.length - 2]);
                    long started = Long.parseLong(f[f.length - 1]);
                    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                            .filter(p -> Math.abs(Processes.startMillis(p) - started) < 2000)
                            .map(p -> new PidRecord(name, p)).stream();
                } catch (RuntimeException malformed) {
                    return Stream.<PidRecord>empty();
                }
            }).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
