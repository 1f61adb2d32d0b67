package io.switchboard.devstack;

import io.switchboard.testing.ChildProcess;
import io.switchboard.testing.GreenMailSmtpServer;
import io.switchboard.testing.KafkaBrokerProcess;
import io.switchboard.testing.KeycloakProcess;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One command for the whole local stack: PostgreSQL, Kafka, Keycloak and SMTP (real servers, data kept in
 * {@code .devstack/}), then the six services as child JVMs. Ctrl-C stops all of it, services first.
 *
 * <p>Run from the repository (the {@code switchboard} script builds first):
 * {@code java -cp deploy/devstack/target/classes:deploy/devstack/target/lib/* io.switchboard.devstack.Devstack [--wipe] [--no-services]}
 */
public final class Devstack {

    static final int POSTGRES_PORT = 5433;
    static final int KAFKA_PORT = 9092;
    static final int KEYCLOAK_PORT = 8180;
    static final int SMTP_PORT = 3025;
    static final int MAIL_WEB_PORT = 8025;
    static final Duration SERVICE_STARTUP = Duration.ofSeconds(180);
    static final String ISSUER = "http://localhost:" + KEYCLOAK_PORT + "/realms/switchboard";
    static final String JWK_SET = "http://127.0.0.1:" + KEYCLOAK_PORT + "/realms/switchboard/protocol/openid-connect/certs";

    /** A service module: its port, and its database (the gateway has none). */
    record Service(String module, int port, String database) {
        Path jar(Path root) {
            return root.resolve(module).resolve("target").resolve(module + ".jar");
        }
    }

    static final List<Service> SERVICES = List.of(
            new Service("gateway", 8080, null),
            new Service("identity-service", 8081, "identity_service"),
            new Service("org-service", 8082, "org_service"),
            new Service("portal-service", 8083, "portal_service"),
            new Service("routing-service", 8084, "routing_service"),
            new Service("notification-service", 8085, "notification_service"));

    private static final String USAGE = """
            usage: devstack [--wipe] [--no-services]
              --wipe         delete .devstack/ (database, Kafka topics, Keycloak users, logs) before starting
              --no-services  start PostgreSQL, Kafka, Keycloak and SMTP only""";

    private final long t0 = System.nanoTime();
    private final Path root;
    private final Path home;
    private final Path logs;
    private final boolean wipe;
    private final boolean withServices;
    private final List<Component> components = new CopyOnWriteArrayList<>();
    private final Map<Component, ChildProcess> serviceProcesses = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private volatile Component starting;

    private Devstack(Path root, boolean wipe, boolean withServices) {
        this.root = root;
        this.home = root.resolve(".devstack");
        this.logs = home.resolve("logs");
        this.wipe = wipe;
        this.withServices = withServices;
    }

    public static void main(String[] args) {
        boolean wipe = false;
        boolean withServices = true;
        for (String arg : args) {
            switch (arg) {
                case "--wipe" -> wipe = true;
                case "--no-services" -> withServices = false;
                case "-h", "--help", "help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> {
                    System.err.println("devstack: unknown option " + arg + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        Path root = findRoot(Path.of("").toAbsolutePath());
        if (root == null) {
            System.err.println("devstack: run this inside the Switchboard repository (no folder with pom.xml and deploy/devstack above "
                    + Path.of("").toAbsolutePath() + ")");
            System.exit(2);
        }
        // before the first logger exists: library logs go to a file, not between our progress lines
        System.setProperty("devstack.log", root.resolve(".devstack/logs/devstack.log").toString());
        System.setProperty("logback.configurationFile", "devstack-logback.xml");
        // Kafka's JVM reuses our class path from its own folder: relative entries must become absolute
        System.setProperty("java.class.path", String.join(File.pathSeparator,
                Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                        .map(entry -> Path.of(entry).toAbsolutePath().toString()).toList()));
        new Devstack(root, wipe, withServices).run();
    }

    static Path findRoot(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("deploy/devstack"))) {
                return dir;
            }
        }
        return null;
    }

    private void run() {
        refuseIfAlreadyRunning();
        stopLeftovers();
        if (withServices) {
            requireServiceJars();
        }
        requirePortsFree();
        if (wipe) {
            say("--wipe: deleting " + rel(home));
            deleteTree(home);
        }
        createDirectories(logs);
        writeFile(home.resolve("devstack.pid"), ProcessHandle.current().pid() + " " + Processes.startMillis(ProcessHandle.current()) + "\n");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "devstack-stop"));

        try {
            startPostgres();
            startKafka();
            startKeycloak();
            startSmtp();
            if (withServices) {
                startServices();
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                Component failed = starting;
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                List<String> lines = why.lines().filter(l -> !l.isBlank()).limit(8).toList();
                System.err.println("devstack: " + (failed == null ? "" : failed.name + " FAILED: ") + String.join("\n    ", lines));
                if (failed != null && failed.log != null) {
                    System.err.println("devstack: log: " + rel(failed.log) + "; stopping what started");
                }
                System.exit(1);
            }
        }
        if (stopping) {
            return;
        }
        printSummary();
        try {
            new CountDownLatch(1).await(); // until Ctrl-C / SIGTERM runs the shutdown hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- before anything starts

    private void refuseIfAlreadyRunning() {
        readPidRecords(home.resolve("devstack.pid")).stream()
                .map(PidRecord::process)
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .findFirst()
                .ifPresent(other -> {
                    System.err.println("devstack: a devstack is already running (pid " + other.pid() + "); stop it first (Ctrl-C in its terminal, or kill "
                            + other.pid() + ")");
                    System.exit(1);
                });
    }

    /** Processes of a launcher that was killed with SIGKILL (its shutdown hook never ran), from .devstack/pids. */
    private void stopLeftovers() {
        Path pidsFile = home.resolve("pids");
        Map<ProcessHandle, String> leftovers = new LinkedHashMap<>();
        readPidRecords(pidsFile).reversed().forEach(r -> leftovers.put(r.process(), r.name())); // services first
        DevPostgres.postmaster(home.resolve("postgres")).ifPresent(p -> leftovers.putIfAbsent(p, "postgres"));
        // signal only the top of each tree: PostgreSQL's own workers, for one, must be ended by their postmaster
        Set<Long> pids = new LinkedHashSet<>(leftovers.keySet().stream().map(ProcessHandle::pid).toList());
        List<ProcessHandle> roots = leftovers.keySet().stream()
                .filter(p -> p.parent().map(parent -> !pids.contains(parent.pid())).orElse(true)).toList();
        if (!roots.isEmpty()) {
            say("a previous devstack did not stop cleanly (killed with kill -9?); stopping what it left running: "
                    + String.join(", ", roots.stream().map(p -> leftovers.get(p) + " " + p.pid()).toList()));
            Processes.terminate(roots, Duration.ofSeconds(20));
            Set<ProcessHandle> rest = new LinkedHashSet<>(leftovers.keySet());
            roots.forEach(r -> r.descendants().forEach(rest::add));
            Processes.terminate(rest, Duration.ofSeconds(5));
            say("left-over processes stopped");
        }
        deleteIfExists(pidsFile);
    }

    private void requireServiceJars() {
        List<String> missing = SERVICES.stream().map(s -> s.jar(root)).filter(jar -> !isBootJar(jar)).map(this::rel).toList();
        if (!missing.isEmpty()) {
            System.err.println("devstack: the services are not built (no runnable " + String.join(", ", missing)
                    + "); build first: ./switchboard start builds them (or ./mvnw -B -DskipTests install), or use --no-services");
            System.exit(1);
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

    private void requirePortsFree() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(POSTGRES_PORT, "PostgreSQL");
        ports.put(KAFKA_PORT, "Kafka");
        ports.put(KEYCLOAK_PORT, "Keycloak");
        ports.put(SMTP_PORT, "SMTP");
        ports.put(MAIL_WEB_PORT, "mail web view");
        if (withServices) {
            SERVICES.forEach(s -> ports.put(s.port(), s.module()));
        }
        try {
            ports.forEach(Ports::requireFree);
        } catch (Ports.PortTakenException e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(1);
        }
    }

    // ---------------------------------------------------------------- starting

    private void startPostgres() {
        Path data = home.resolve("postgres");
        Component c = begin("postgres", "postgresql://127.0.0.1:" + POSTGRES_PORT + " (postgres/postgres)", logs.resolve("postgres.log"),
                "starting on 127.0.0.1:" + POSTGRES_PORT + (Files.exists(data.resolve("PG_VERSION")) ? ", reusing " : ", new cluster in ") + rel(data));
        DevPostgres postgres = DevPostgres.start(POSTGRES_PORT, data, c.log);
        c.stopper = postgres;
        postgres.postmaster().ifPresent(c::own);
        List<String> databases = SERVICES.stream().map(Service::database).filter(d -> d != null).toList();
        databases.forEach(postgres::createDatabase);
        done(c, "databases " + String.join(", ", databases));
    }

    private void startKafka() {
        Path data = home.resolve("kafka");
        Component c = begin("kafka", "127.0.0.1:" + KAFKA_PORT, data.resolve("kafka.log"),
                "starting on 127.0.0.1:" + KAFKA_PORT + (Files.exists(data.resolve("logs/meta.properties")) ? ", reusing " : ", new log in ") + rel(data));
        KafkaBrokerProcess kafka = KafkaBrokerProcess.start(KAFKA_PORT, data);
        c.stopper = kafka;
        ProcessHandle.of(kafka.pid()).ifPresent(c::own);
        done(c, "");
    }

    private void startKeycloak() {
        Path data = home.resolve("keycloak");
        boolean reuse = Files.exists(data.resolve("keycloakdb.mv.db"));
        Component c = begin("keycloak", "http://localhost:" + KEYCLOAK_PORT, data.resolve("keycloak.log"),
                "starting on localhost:" + KEYCLOAK_PORT + (reuse ? ", reusing " : ", new database in ") + rel(data)
                        + (reuse ? "" : " (a first start takes about a minute)"));
        KeycloakProcess keycloak = KeycloakProcess.start(KEYCLOAK_PORT, data, "localhost");
        c.stopper = keycloak;
        // kc.sh runs Keycloak's JVM as its child: record both, so nothing is missed if the wrapper dies first
        ProcessHandle.of(keycloak.pid()).ifPresent(c::own);
        done(c, "realm switchboard, issuer " + keycloak.issuer());
    }

    private void startSmtp() {
        Component c = begin("smtp", "smtp://127.0.0.1:" + SMTP_PORT, null, "starting on 127.0.0.1:" + SMTP_PORT + " (in this JVM)");
        GreenMailSmtpServer smtp = GreenMailSmtpServer.start(SMTP_PORT, MAIL_WEB_PORT);
        c.stopper = smtp;
        done(c, "mail web view " + smtp.webUrl() + " (mail is kept in memory only: a restart empties the mailbox)");
    }

    private void startServices() {
        Path watch = extractParentWatch();
        say("starting " + SERVICES.size() + " services in parallel (logs in " + rel(logs) + "/<name>.log; up to "
                + SERVICE_STARTUP.toSeconds() + " s)");
        for (Service s : SERVICES) {
            if (stopping) {
                return;
            }
            Path log = logs.resolve(s.module() + ".log");
            deleteIfExists(log);
            Component c = new Component(s.module(), "http://localhost:" + s.port(), log);
            List<String> command = ChildProcess.javaCommand(s.jar(root) + File.pathSeparator + watch,
                    List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), "org.springframework.boot.loader.launch.JarLauncher", List.of());
            ChildProcess child = ChildProcess.start(s.module(), command, serviceEnvironment(s), root, log);
            c.stopper = child;
            ProcessHandle.of(child.pid()).ifPresent(c::own);
            serviceProcesses.put(c, child);
            components.add(c);
        }
        writePids();
        awaitServices();
    }

    static Map<String, String> serviceEnvironment(Service s) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(s.port()));
        if (s.database() != null) {
            env.put("SPRING_R2DBC_URL", "r2dbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/" + s.database());
            env.put("SPRING_R2DBC_USERNAME", "postgres");
            env.put("SPRING_R2DBC_PASSWORD", "postgres");
            env.put("SPRING_FLYWAY_URL", "jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/" + s.database());
            env.put("SPRING_FLYWAY_USER", "postgres");
            env.put("SPRING_FLYWAY_PASSWORD", "postgres");
        }
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + KAFKA_PORT);
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", ISSUER);
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", JWK_SET);
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", Integer.toString(SMTP_PORT));
        if (s.module().equals("gateway")) {
            for (Service target : SERVICES) {
                if (target != s) {
                    String key = target.module().replace("-service", "").toUpperCase(Locale.ROOT);
                    env.put("SWITCHBOARD_SERVICES_" + key, "http://127.0.0.1:" + target.port());
                }
            }
        }
        return env;
    }

    /** ParentWatch alone (not the whole testing jar, whose logback-test.xml would reach the services). */
    private Path extractParentWatch() {
        Path dir = home.resolve("parent-watch");
        Path file = dir.resolve(ParentWatch.class.getName().replace('.', '/') + ".class");
        try (InputStream in = ParentWatch.class.getResourceAsStream(ParentWatch.class.getSimpleName() + ".class")) {
            createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitServices() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        List<Component> pending = new ArrayList<>(components.stream().filter(serviceProcesses::containsKey).toList());
        Map<Component, String> lastAnswer = new LinkedHashMap<>();
        long deadline = System.nanoTime() + SERVICE_STARTUP.toNanos();
        while (!pending.isEmpty() && !stopping) {
            for (Component c : List.copyOf(pending)) {
                if (!serviceProcesses.get(c).isAlive()) {
                    c.failed("exited during startup");
                    pending.remove(c);
                    say(c.name + " ... FAILED: exited during startup, see " + rel(c.log));
                    continue;
                }
                String url = "http://127.0.0.1:" + c.url.substring(c.url.lastIndexOf(':') + 1) + "/actuator/health/readiness";
                try {
                    int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200) {
                        c.ready();
                        pending.remove(c);
                        say(c.name + " ... ready (" + oneDecimal(c.seconds) + " s)");
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
                    c.failed("not ready after " + SERVICE_STARTUP.toSeconds() + " s (" + lastAnswer.getOrDefault(c, "no answer") + "), still running");
                    say(c.name + " ... FAILED: " + c.detail + ", see " + rel(c.log));
                }
                return;
            }
            sleep(500);
        }
    }

    private Component begin(String name, String url, Path log, String what) {
        if (stopping) {
            throw new IllegalStateException("stopping");
        }
        Component c = new Component(name, url, log);
        starting = c;
        say(name + " ... " + what);
        return c;
    }

    private void done(Component c, String note) {
        c.ready();
        components.add(c);
        writePids();
        say(c.name + " ... ready (" + oneDecimal(c.seconds) + " s)" + (note.isEmpty() ? "" : ": " + note));
    }

    // ---------------------------------------------------------------- summary

    private void printSummary() {
        double coldStart = elapsed();
        System.out.println();
        String format = "%-22s %-48s %-7s %8s %8s  %s";
        StringBuilder table = new StringBuilder(String.format(format, "component", "URL", "state", "seconds", "RSS MB", "").stripTrailing()).append('\n');
        for (Component c : components) {
            Set<ProcessHandle> live = c.liveTree();
            table.append(String.format(format, c.name, c.url, c.state, oneDecimal(c.seconds),
                    live.isEmpty() ? "-" : Long.toString(Processes.rssKb(live) / 1024),
                    c.isReady() ? "" : c.detail + "; log: " + rel(c.log)).stripTrailing()).append('\n');
        }
        table.append(String.format(format, "mail web view", "http://127.0.0.1:" + MAIL_WEB_PORT, "ready", "-", "-",
                "in-memory: mail is not kept across restarts")).append('\n');
        Set<ProcessHandle> stack = stackProcesses();
        long totalKb = Processes.rssKb(stack);
        table.append(String.format(format, "launcher (+ SMTP)", "pid " + ProcessHandle.current().pid(), "ready", "-",
                Long.toString(Processes.rssKb(ProcessHandle.current()) / 1024), "").stripTrailing()).append('\n');
        System.out.print(table);

        long failed = components.stream().filter(c -> !c.isReady()).count();
        System.out.println();
        if (failed > 0) {
            System.out.println(failed + " component(s) FAILED: the log paths above say why; the rest keeps running.");
        }
        System.out.printf(Locale.ROOT, "Total RSS of the stack: %d MB over %d processes (launcher, its children and theirs, PostgreSQL); cold start %.1f s.%n",
                totalKb / 1024, stack.size(), coldStart);
        System.out.println("""

                Demo users (realm switchboard, client dashboard):
                  alice@acme.test    alice-demo-pass
                  bob@acme.test      bob-demo-pass
                  carol@globex.test  carol-demo-pass
                Keycloak admin console: http://localhost:%d/admin (admin / admin)

                Try it:
                  TOKEN=$(curl -s -d grant_type=password -d client_id=dashboard -d username=alice@acme.test -d password=alice-demo-pass \\
                      http://localhost:%d/realms/switchboard/protocol/openid-connect/token | jq -r .access_token)
                  curl -H "Authorization: Bearer $TOKEN" http://localhost:8080/api/me
                """.formatted(KEYCLOAK_PORT, KEYCLOAK_PORT)
                + (withServices ? "" : "  (started with --no-services: nothing listens on 8080)\n")
                + "\nData in " + rel(home) + " (--wipe starts afresh). Press Ctrl-C to stop everything.");

        StringBuilder record = new StringBuilder("# written by the devstack launcher (pid " + ProcessHandle.current().pid() + ")\n")
                .append("started_at=").append(Instant.now()).append('\n')
                .append("cold_start_seconds=").append(oneDecimal(coldStart)).append('\n')
                .append("total_rss_mb=").append(totalKb / 1024).append('\n')
                .append("processes=").append(stack.size()).append('\n')
                .append("services=").append(withServices ? "yes" : "no (--no-services)").append('\n')
                .append('\n').append(table);
        writeFile(home.resolve("last-start.txt"), record.toString());
    }

    /** Everything the devstack runs: this JVM, its descendants, and the PostgreSQL that pg_ctl detached. */
    private Set<ProcessHandle> stackProcesses() {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        all.add(ProcessHandle.current());
        ProcessHandle.current().descendants().forEach(all::add);
        components.forEach(c -> all.addAll(c.liveTree()));
        return all;
    }

    // ---------------------------------------------------------------- stopping

    /** The shutdown hook: services first, then Keycloak, Kafka, PostgreSQL, SMTP; then nothing may be left. */
    private void stopAll() {
        stopping = true;
        long start = System.nanoTime();
        System.out.println();
        say("stopping the devstack (services first, then Keycloak, Kafka, PostgreSQL, SMTP)");
        List<Component> services = components.stream().filter(serviceProcesses::containsKey).toList();
        if (!services.isEmpty()) {
            say("stopping " + String.join(", ", services.stream().map(c -> c.name + " (pid " + c.pids() + ")").toList()));
            long t = System.nanoTime();
            List<Thread> threads = services.stream().map(c -> Thread.ofPlatform().start(() -> close(c))).toList();
            threads.forEach(Devstack::join);
            say("services stopped (" + oneDecimal((System.nanoTime() - t) / 1e9) + " s)");
        }
        for (String name : List.of("keycloak", "kafka", "postgres", "smtp")) {
            components.stream().filter(c -> c.name.equals(name)).findFirst().ifPresent(c -> {
                long t = System.nanoTime();
                say("stopping " + name + (c.processes.isEmpty() ? " (in this JVM)" : " (pid " + c.pids() + ")"));
                close(c);
                say(name + " stopped (" + oneDecimal((System.nanoTime() - t) / 1e9) + " s)");
            });
        }
        // whatever is still there: a server that was half-way through starting, a process that ignored SIGTERM
        Set<ProcessHandle> left = new LinkedHashSet<>(ProcessHandle.current().descendants().toList());
        components.forEach(c -> left.addAll(c.liveTree()));
        DevPostgres.postmaster(home.resolve("postgres")).ifPresent(left::add);
        left.removeIf(p -> !p.isAlive());
        if (!left.isEmpty()) {
            say("ending " + left.size() + " remaining process(es): " + String.join(", ", left.stream().map(p -> p.pid() + " " + shortCommand(p)).toList()));
            Processes.terminate(left, Duration.ofSeconds(10));
        }
        deleteIfExists(home.resolve("pids"));
        deleteIfExists(home.resolve("devstack.pid"));
        say("devstack stopped in " + oneDecimal((System.nanoTime() - start) / 1e9) + " s; no process left behind");
        System.out.flush();
    }

    private void close(Component c) {
        try {
            if (c.stopper != null) {
                c.stopper.close();
            }
        } catch (Exception e) {
            say(c.name + ": " + firstLine(e.getMessage()));
        }
        Processes.terminate(c.liveTree(), Duration.ofSeconds(10));
    }

    // ---------------------------------------------------------------- pid records

    /** .devstack/pids: "name pid startMillis" per process, in start order, for cleaning up after a kill -9. */
    private synchronized void writePids() {
        StringBuilder text = new StringBuilder();
        for (Component c : components) {
            for (ProcessHandle p : c.processes) {
                text.append(c.name).append(' ').append(p.pid()).append(' ').append(Processes.startMillis(p)).append('\n');
            }
        }
        writeFile(home.resolve("pids"), text.toString());
    }

    record PidRecord(String name, ProcessHandle process) {
    }

    /** Live processes named in a pid file whose start time still matches (so a reused pid is left alone). */
    private static List<PidRecord> readPidRecords(Path file) {
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
                    return Stream.empty();
                }
            }).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    // ---------------------------------------------------------------- small helpers

    private double elapsed() {
        return (System.nanoTime() - t0) / 1e9;
    }

    private void say(String line) {
        System.out.printf(Locale.ROOT, "[%5.1fs] %s%n", elapsed(), line);
    }

    private String rel(Path path) {
        return path == null ? "-" : path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    private static String oneDecimal(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static String firstLine(String message) {
        return message == null ? "(no message)" : message.lines().findFirst().orElse("");
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFile(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
