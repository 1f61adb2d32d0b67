package io.switchboard.e2e;

import io.switchboard.testing.ChildProcess;
import io.switchboard.testing.ParentWatch;
import io.switchboard.testing.Ports;
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
import java.util.List;
import java.util.Map;

/** One service's own jar, run as the devstack runs it: a child JVM configured by environment variables. */
final class ServiceProcess implements AutoCloseable {

    private final String module;
    private final int port;
    private final ChildProcess process;

    private ServiceProcess(String module, int port, ChildProcess process) {
        this.module = module;
        this.port = port;
        this.process = process;
    }

    static ServiceProcess start(String module, int port, Map<String, String> env) {
        return start(module, port, env, Duration.ofSeconds(120));
    }

    /** As {@link #start(String, int, Map)}, waiting up to {@code readiness} for it to be ready. */
    static ServiceProcess start(String module, int port, Map<String, String> env, Duration readiness) {
        Path root = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw -DskipTests install)");
        }
        jar = copyOf(jar, root);
        String parentWatch = parentWatchAlone(root).toString();
        var environment = new java.util.HashMap<>(env);
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.putIfAbsent("LOGGING_LEVEL_ORG_APACHE_KAFKA", "WARN"); // the client's config dumps, as the tests' own logs have it
        ChildProcess child = ChildProcess.start(module,
                ChildProcess.javaCommand(jar + File.pathSeparator + parentWatch, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                        "org.springframework.boot.loader.launch.JarLauncher", List.of()),
                environment, root, root.resolve("e2e/target/logs/" + module + "-" + port + ".log"));
        ServiceProcess service = new ServiceProcess(module, port, child);
        service.awaitReady(readiness);
        return service;
    }

    /**
     * The service runs from a copy of its jar, taken at start: a build that rewrites {@code target/<module>.jar} while the
     * tests run (classes are loaded lazily from the jar) would otherwise break the running service.
     */
    private static Path copyOf(Path jar, Path root) {
        try {
            Path copies = Files.createDirectories(root.resolve("e2e/target/service-jars"));
            Path copy = Files.createTempFile(copies, jar.getFileName().toString().replace(".jar", "-"), ".jar");
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + jar, e);
        }
    }

    /**
     * ParentWatch alone, as the devstack runs the services (ServiceSupervisor): the whole testing module on their class
     * path would give them its logback-test.xml instead of Boot's log format (which shows the trace and span ids).
     */
    private static synchronized Path parentWatchAlone(Path root) {
        Path dir = root.resolve("e2e/target/parent-watch");
        Path file = dir.resolve(ParentWatch.class.getName().replace('.', '/') + ".class");
        try (InputStream in = ParentWatch.class.getResourceAsStream(ParentWatch.class.getSimpleName() + ".class")) {
            Files.createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("copying ParentWatch", e);
        }
    }

    static int freePort() {
        return Ports.free();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path logFile() {
        return process.logFile();
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited:\n" + process.logTail(40));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        process.close();
        throw new IllegalStateException(module + " not ready after " + timeout + ":\n" + process.logTail(40));
    }

    @Override
    public void close() {
        process.close();
    }
}
