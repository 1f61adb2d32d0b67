package io.switchboard.devstack;

import io.switchboard.devstack.Topology.Service;
import io.switchboard.testing.ChildProcess;
import io.switchboard.testing.ParentWatch;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/** The six services (each {@code --instances} times) as child JVMs (their own jars, configured by environment from the topology), until ready. */
final class ServiceSupervisor {

    static final Duration SERVICE_STARTUP = Duration.ofSeconds(180);

    private final Console console;
    private final Path root;
    private final Path home;
    private final ComponentTable table;
    /** Where each started service listens. */
    private final Map<Component, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();

    ServiceSupervisor(Console console, Path root, Path home, ComponentTable table) {
        this.console = console;
        this.root = root;
        this.home = home;
        this.table = table;
    }

    /** The services' jars not built yet, as paths to show. */
    List<String> missingJars(Topology topology) {
        return topology.services().stream().map(s -> s.jar(root)).filter(jar -> !isBootJar(jar)).map(console::rel).toList();
    }

    void startAll(Topology topology, Topology.Servers servers, Options options) {
        Path watch = extractParentWatch();
        Path logs = home.resolve("logs");
        int n = options.instances();
        console.say("starting " + topology.services().size() * n + " services in parallel" + (n > 1 ? " (" + n + " instances of each)" : "")
                + " (logs in " + console.rel(logs) + "/<name>.log; up to " + startup(n).toSeconds() + " s)");
        for (int k = 0; k < n; k++) {
            for (Service s : topology.services()) {
                if (table.stopping()) {
                    return;
                }
                int port = Topology.port(s, k);
                String name = k == 0 ? s.module() : s.module() + "-" + (k + 1);
                Path log = logs.resolve(name + ".log");
                DevFiles.deleteIfExists(log);
                String address = s.module().equals("gateway") ? options.gatewayAddress() : Options.LOOPBACK;
                Component c = new Component(name, "http://" + (address.equals("0.0.0.0") ? "localhost" : address) + ":" + port, log);
                Map<String, String> env = topology.environment(s, address, port, s.database(), servers, topology.localUrls(s, k, n));
                List<String> command = ChildProcess.javaCommand(s.jar(root) + File.pathSeparator + watch,
                        List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), "org.springframework.boot.loader.launch.JarLauncher", List.of());
                ChildProcess child = ChildProcess.start(name, command, env, root, log);
                c.stopper = child;
                ProcessHandle.of(child.pid()).ifPresent(c::own);
                table.addService(c, child);
                ports.put(c, port);
            }
        }
        table.writePids();
        awaitReady(startup(n));
    }

    /** N instances start N times as many JVMs on the same cores: each gets N times as long. */
    private static Duration startup(int instances) {
        return SERVICE_STARTUP.multipliedBy(instances);
    }

    private void awaitReady(Duration startup) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        List<Component> pending = new ArrayList<>(table.services());
        Map<Component, String> lastAnswer = new LinkedHashMap<>();
        long deadline = System.nanoTime() + startup.toNanos();
        while (!pending.isEmpty() && !table.stopping()) {
            for (Component c : List.copyOf(pending)) {
                if (!table.isAlive(c)) {
                    c.failed("exited during startup");
                    pending.remove(c);
                    console.say(c.name + " ... FAILED: exited during startup, see " + console.rel(c.log));
                    continue;
                }
                String url = "http://127.0.0.1:" + ports.get(c) + "/actuator/health/readiness";
                try {
                    int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200) {
                        c.ready();
                        pending.remove(c);
                        console.say(c.name + " ... ready (" + Console.oneDecimal(c.seconds) + " s)");
                    } else {
                        lastAnswer.put(c, "readiness answered " + status);
                    }
                } catch (IOException notListening) {
                    lastAnswer.putIfAbsent(c, "not listening on its port");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                for (Component c : pending) {
                    c.failed("not ready after " + startup.toSeconds() + " s (" + lastAnswer.getOrDefault(c, "no answer") + "), still running");
                    console.say(c.name + " ... FAILED: " + c.detail + ", see " + console.rel(c.log));
                }
                return;
            }
            sleep(500);
        }
    }

    /** ParentWatch alone (not the whole testing jar, whose logback-test.xml would reach the services). */
    private Path extractParentWatch() {
        Path dir = home.resolve("parent-watch");
        Path file = dir.resolve(ParentWatch.class.getName().replace('.', '/') + ".class");
        try (InputStream in = ParentWatch.class.getResourceAsStream(ParentWatch.class.getSimpleName() + ".class")) {
            DevFiles.createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBootJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Start-Class") != null;
        } catch (IOException notAJar) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
