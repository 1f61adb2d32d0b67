package io.switchboard.routing.invariant;

import io.switchboard.routing.RoutingServiceApplication;
import io.switchboard.testing.PostgresServer;
import io.switchboard.testing.RealServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several routing-service instances (full Spring Boot applications, each with its own HTTP port, R2DBC pool,
 * Kafka consumers, outbox relay and safety net) on ONE database of the shared real PostgreSQL and the shared
 * Kafka broker: what two replicas of the service in production look like.
 *
 * <p>The database is the cluster's own (not {@code routing_service}, which other test classes' cached contexts
 * use, with their safety nets that would drain these queues and hide a missed trigger), and so is the Kafka
 * consumer group. The safety net is set to an hour: every assignment seen here comes from the event-driven path.
 */
public final class RoutingCluster implements AutoCloseable {

    private final String database;
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    private RoutingCluster(String database) {
        this.database = database;
    }

    /** Starts {@code count} instances one after the other (the first migrates the database). */
    public static RoutingCluster start(String database, int count, String... extraArgs) {
        PostgresServer postgres = RealServers.postgres();
        postgres.createDatabase(database);
        RoutingCluster cluster = new RoutingCluster(database);
        try {
            for (int i = 0; i < count; i++) {
                List<String> args = new ArrayList<>(List.of(
                        "--server.port=0",
                        "--spring.r2dbc.url=" + postgres.r2dbcUrl(database),
                        "--spring.r2dbc.username=" + postgres.username(),
                        "--spring.r2dbc.password=" + postgres.password(),
                        "--spring.flyway.url=" + postgres.jdbcUrl(database),
                        "--spring.flyway.user=" + postgres.username(),
                        "--spring.flyway.password=" + postgres.password(),
                        "--spring.kafka.bootstrap-servers=" + RealServers.kafka().bootstrapServers(),
                        "--spring.kafka.consumer.group-id=routing-service-" + database,
                        "--switchboard.routing.safety-net-interval=1h",
                        "--spring.jmx.enabled=false"));
                args.addAll(List.of(extraArgs));
                cluster.instances.add(new SpringApplicationBuilder(RoutingServiceApplication.class)
                        .registerShutdownHook(false)
                        .run(args.toArray(String[]::new)));
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public int size() {
        return instances.size();
    }

    /** A bean of instance {@code i} (0-based). */
    public <T> T bean(int i, Class<T> type) {
        return instances.get(i).getBean(type);
    }

    /** A plain JDBC connection to the cluster's database (setup, sampling, checks). */
    public Connection jdbc() {
        PostgresServer postgres = RealServers.postgres();
        try {
            Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String database() {
        return database;
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext context : instances) {
            try {
                context.close();
            } catch (RuntimeException ignored) {
                // closing the others matters more
            }
        }
        instances.clear();
    }
}
