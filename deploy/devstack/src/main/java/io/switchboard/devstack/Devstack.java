package io.switchboard.devstack;

import io.switchboard.testing.GreenMailSmtpServer;
import io.switchboard.testing.KafkaBrokerProcess;
import io.switchboard.testing.KeycloakProcess;
import io.switchboard.testing.Ports;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * One command for the whole local stack: PostgreSQL, Kafka, Keycloak and SMTP (real servers, data kept in
 * {@code .devstack/}), then the six services as child JVMs, then the demo orgs. Everything listens on
 * 127.0.0.1 only, except the gateway when {@code --public} opens it. Ctrl-C stops all of it, services first.
 *
 * <p>Run from the repository (the {@code switchboard} script builds first):
 * {@code java -cp deploy/devstack/target/classes:deploy/devstack/target/lib/* io.switchboard.devstack.Devstack [--wipe] [--no-services] [--public]}
 */
public final class Devstack {

    private final Path root;
    private final Path home;
    private final Options options;
    private final Topology topology = Topology.load();
    private final Console console;
    private final ComponentTable table;
    private final Shutdown shutdown;
    private final ServiceSupervisor supervisor;

    private Devstack(Path root, Options options) {
        this.root = root;
        this.home = root.resolve(".devstack");
        this.options = options;
        this.console = new Console(root);
        this.table = new ComponentTable(console, home);
        this.shutdown = new Shutdown(console, home, table);
        this.supervisor = new ServiceSupervisor(console, root, home, table);
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        if (options == null) {
            return;
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
        new Devstack(root, options).run();
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
        shutdown.stopLeftovers();
        if (options.withServices()) {
            List<String> missing = supervisor.missingJars(topology);
            if (!missing.isEmpty()) {
                fail("the services are not built (no runnable " + String.join(", ", missing)
                        + "); build first: ./switchboard start builds them (or ./mvnw -B -DskipTests install), or use --no-services");
            }
        }
        requirePortsFree();
        if (options.wipe()) {
            console.say("--wipe: deleting " + console.rel(home));
            DevFiles.deleteTree(home);
        }
        DevFiles.createDirectories(home.resolve("logs"));
        DevFiles.write(home.resolve("devstack.pid"), ProcessHandle.current().pid() + " " + Processes.startMillis(ProcessHandle.current()) + "\n");
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown::stopAll, "devstack-stop"));
        console.say(options.gatewayOpened()
                ? "gateway will listen on " + options.gatewayAddress() + " (opened by --public / " + Options.GATEWAY_ADDRESS_ENV + "); everything else on 127.0.0.1"
                : "everything listens on 127.0.0.1 only (--public opens the gateway)");
        DevSecrets secrets = DevSecrets.load(home);
        try {
            Topology.Servers servers = startServers(secrets);
            if (options.withServices()) {
                supervisor.startAll(topology, servers, options);
                if (table.services().stream().anyMatch(c -> c.name.equals("gateway") && c.isReady()) && !table.stopping()) {
                    new DemoSeed(console, servers.keycloakUrl(), "http://127.0.0.1:" + topology.service("gateway").port()).run();
                }
            }
        } catch (RuntimeException e) {
            if (!table.stopping()) {
                Component failed = table.starting();
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                List<String> lines = why.lines().filter(l -> !l.isBlank()).limit(8).toList();
                System.err.println("devstack: " + (failed == null ? "" : failed.name + " FAILED: ") + String.join("\n    ", lines));
                if (failed != null && failed.log != null) {
                    System.err.println("devstack: log: " + console.rel(failed.log) + "; stopping what started");
                }
                System.exit(1);
            }
        }
        if (table.stopping()) {
            return;
        }
        Summary.print(console, table, topology, options, secrets, home);
        try {
            new CountDownLatch(1).await(); // until Ctrl-C / SIGTERM runs the shutdown hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** PostgreSQL, Kafka, Keycloak and SMTP, each on 127.0.0.1; what the services are told about them. */
    private Topology.Servers startServers(DevSecrets secrets) {
        Path pgData = home.resolve("postgres");
        Component pg = table.begin("postgres", "postgresql://127.0.0.1:" + topology.postgresPort(), home.resolve("logs/postgres.log"),
                "starting on 127.0.0.1:" + topology.postgresPort() + (Files.exists(pgData.resolve("PG_VERSION")) ? ", reusing " : ", new cluster in ") + console.rel(pgData));
        DevPostgres postgres = DevPostgres.start(topology.postgresPort(), pgData, pg.log);
        pg.stopper = postgres;
        postgres.postmaster().ifPresent(pg::own);
        topology.databases().forEach(postgres::createDatabase);
        table.done(pg, "databases " + String.join(", ", topology.databases()));

        Path kafkaData = home.resolve("kafka");
        Component kafka = table.begin("kafka", "127.0.0.1:" + topology.kafkaPort(), kafkaData.resolve("kafka.log"), "starting on 127.0.0.1:"
                + topology.kafkaPort() + (Files.exists(kafkaData.resolve("logs/meta.properties")) ? ", reusing " : ", new log in ") + console.rel(kafkaData));
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(topology.kafkaPort(), kafkaData);
        kafka.stopper = broker;
        ProcessHandle.of(broker.pid()).ifPresent(kafka::own);
        table.done(kafka, "");

        Path kcData = home.resolve("keycloak");
        boolean reuse = Files.exists(kcData.resolve("keycloakdb.mv.db"));
        Component kc = table.begin("keycloak", "http://localhost:" + topology.keycloakPort(), kcData.resolve("keycloak.log"),
                "starting on 127.0.0.1:" + topology.keycloakPort() + (reuse ? ", reusing " : ", new database in ") + console.rel(kcData)
                        + (reuse ? "" : " (a first start takes about a minute)"));
        KeycloakProcess keycloak = startKeycloak(topology.keycloakPort(), kcData, secrets);
        kc.stopper = keycloak;
        // kc.sh runs Keycloak's JVM as its child: record both, so nothing is missed if the wrapper dies first
        ProcessHandle.of(keycloak.pid()).ifPresent(kc::own);
        table.done(kc, "realm switchboard, issuer " + keycloak.issuer());

        Component smtp = table.begin("smtp", "smtp://127.0.0.1:" + topology.smtpPort(), null, "starting on 127.0.0.1:" + topology.smtpPort() + " (in this JVM)");
        GreenMailSmtpServer mail = GreenMailSmtpServer.start(topology.smtpPort(), topology.mailWebPort());
        smtp.stopper = mail;
        table.done(smtp, "mail web view " + mail.webUrl() + " (mail is kept in memory only: a restart empties the mailbox)");

        return new Topology.Servers(postgres, broker.bootstrapServers(), keycloak.localUrl(), keycloak.issuer(), keycloak.jwkSetUri(),
                mail.host(), mail.smtpPort(), secrets.identityClientSecret(), "http://localhost:" + topology.service("gateway").port(),
                secrets.pushKeyEncryptionKey());
    }

    /** Issuer host {@code localhost} (what people's browsers and the services agree on); secrets of {@link DevSecrets}. */
    private static KeycloakProcess startKeycloak(int port, Path dataDir, DevSecrets secrets) {
        try {
            return KeycloakProcess.start(port, dataDir, "localhost", secrets.keycloakAdminPassword(),
                    Map.of("identity-service", secrets.identityClientSecret()));
        } catch (IllegalStateException refused) {
            throw new IllegalStateException(refused.getMessage() + " (" + DevSecrets.ADMIN_PASSWORD_ENV
                    + " or .devstack/secrets.properties; --wipe starts with a fresh one)", refused);
        }
    }

    private void refuseIfAlreadyRunning() {
        ComponentTable.readPidRecords(home.resolve("devstack.pid")).stream()
                .map(ComponentTable.PidRecord::process)
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .findFirst()
                .ifPresent(other -> fail("a devstack is already running (pid " + other.pid() + "); stop it first (Ctrl-C in its terminal, or kill "
                        + other.pid() + ")"));
    }

    private void requirePortsFree() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(topology.postgresPort(), "PostgreSQL");
        ports.put(topology.kafkaPort(), "Kafka");
        ports.put(topology.keycloakPort(), "Keycloak");
        ports.put(topology.smtpPort(), "SMTP");
        ports.put(topology.mailWebPort(), "mail web view");
        if (options.withServices()) {
            for (int k = 0; k < options.instances(); k++) {
                int instance = k;
                topology.services().forEach(s -> ports.put(Topology.port(s, instance), s.module() + (instance == 0 ? "" : " (instance " + (instance + 1) + ")")));
            }
        }
        try {
            ports.forEach(Ports::requireFree);
        } catch (Ports.PortTakenException e) {
            fail(e.getMessage());
        }
    }

    private static void fail(String message) {
        System.err.println("devstack: " + message);
        System.exit(1);
    }
}
