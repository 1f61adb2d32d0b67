package io.switchboard.devstack;

import io.switchboard.testing.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The same real PostgreSQL as the tests' {@code EmbeddedPostgresServer}, but without zonky's own JVM
 * shutdown hook: that hook would stop PostgreSQL while the services are still shutting down, and the
 * devstack stops things in order itself. Its output goes to a log file instead of the launcher's log.
 */
final class DevPostgres implements PostgresServer {

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private DevPostgres(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    static DevPostgres start(int port, Path dataDir, Path logFile) {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1") // not "localhost" (::1 too), never all interfaces
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
            return new DevPostgres(postgres, dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /** The postmaster, which pg_ctl detaches from us (it is not one of our descendants). */
    Optional<ProcessHandle> postmaster() {
        return postmaster(dataDir);
    }

    /** The postmaster named by {@code postmaster.pid} in a data folder, if it is running. */
    static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
