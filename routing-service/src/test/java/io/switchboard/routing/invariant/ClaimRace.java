package io.switchboard.routing.invariant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The claim statement on its own, WITHOUT the organization's advisory lock: its capacity and single-assignee
 * guarantees are meant to rest on the statement alone (row locks and the conditional update; Claims' javadoc),
 * the lock only guaranteeing that no freed capacity is missed. {@code threads} JDBC clients each insert queued
 * items and claim them, and close random assigned ones (releasing capacity in the same transaction), all for the
 * same few agents, while a sampler checks capacity and open_count.
 */
public final class ClaimRace {

    public record Result(int claims, int assigned, int closes, int deadlocks, int samples, List<String> violations) {
    }

    private ClaimRace() {
    }

    public static Result run(RoutingCluster cluster, int threads, int claimsPerThread, int agents, long seed) throws Exception {
        Random random = new Random(seed);
        RoutingFixture.Org org;
        try (Connection db = cluster.jdbc()) {
            org = RoutingFixture.create(db, new RoutingFixture.Shape(1, 1, agents, 3, 1.0, 1.0, List.of("LOAD_BALANCED"), true), random);
        }
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicInteger assigned = new AtomicInteger();
        AtomicInteger closes = new AtomicInteger();
        AtomicInteger samples = new AtomicInteger();
        AtomicInteger deadlocks = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            Future<?> sampler = pool.submit(() -> {
                try (Connection db = cluster.jdbc()) {
                    while (!stop.get()) {
                        if (violations.size() < 100) {
                            violations.addAll(InvariantRun.overCapacityNow(db, Set.of(org.id()), "sample " + samples.get()));
                        }
                        samples.incrementAndGet();
                        Thread.sleep(5);
                    }
                }
                return null;
            });
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long mine = random.nextLong();
                clients.add(pool.submit(() -> {
                    claimLoop(cluster, org, claimsPerThread, new Random(mine), assigned, closes, deadlocks);
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get(10, TimeUnit.MINUTES);
            }
            stop.set(true);
            sampler.get(1, TimeUnit.MINUTES);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        try (Connection db = cluster.jdbc()) {
            violations.addAll(InvariantRun.overCapacityNow(db, Set.of(org.id()), "at the end"));
        }
        return new Result(threads * claimsPerThread, assigned.get(), closes.get(), deadlocks.get(), samples.get(), violations);
    }

    private static void claimLoop(RoutingCluster cluster, RoutingFixture.Org org, int claims, Random random, AtomicInteger assigned,
                                  AtomicInteger closes, AtomicInteger deadlocks) throws SQLException {
        UUID portal = org.portals().get(0);
        UUID client = org.clients().get(0);
        List<UUID> mine = new ArrayList<>();
        try (Connection db = cluster.jdbc();
             PreparedStatement insert = db.prepareStatement("insert into work_items (id, org_id, kind, external_id, portal_id, client_id, channel, "
                     + "status, queue_seq, opened_at) values (?, ?, 'CONVERSATION', ?, ?, ?, 'SMS', 'QUEUED', nextval('work_queue_seq'), now())");
             PreparedStatement assignee = db.prepareStatement("select assignee_id from work_items where id = ? and status = 'ASSIGNED' for update");
             PreparedStatement release = db.prepareStatement(
                     "update agent_channels set open_count = open_count - 1 where org_id = ? and user_id = ? and channel = 'SMS' and open_count > 0");
             Statement claimIt = db.createStatement()) {
            for (int i = 0; i < claims; i++) {
                UUID work = UUID.randomUUID();
                insert.setObject(1, work);
                insert.setObject(2, org.id());
                insert.setString(3, "race:" + work);
                insert.setObject(4, portal);
                insert.setObject(5, client);
                insert.executeUpdate();
                String sql = ClaimSql.forItem(ClaimSql.uuid(work), org.id(), portal, client, "SMS", "LOAD_BALANCED");
                for (int attempt = 0; ; attempt++) {
                    try (ResultSet reserved = claimIt.executeQuery(sql)) {
                        if (reserved.next()) {
                            assigned.incrementAndGet();
                            mine.add(work);
                        }
                        break;
                    } catch (SQLException e) {
                        // Without the organization's lock, two claims may lock candidate rows in different orders
                        // (the LOAD_BALANCED order moves as counts change; a row that fails the re-check stays
                        // locked): Postgres aborts one as a deadlock. It rolls back whole, so it harms no
                        // invariant; it is counted and retried.
                        if (!"40P01".equals(e.getSQLState()) || attempt > 20) {
                            throw e;
                        }
                        deadlocks.incrementAndGet();
                    }
                }
                if (!mine.isEmpty() && random.nextDouble() < 0.6) {
                    UUID closing = mine.remove(random.nextInt(mine.size()));
                    db.setAutoCommit(false);
                    try {
                        assignee.setObject(1, closing);
                        UUID holder = null;
                        try (ResultSet row = assignee.executeQuery()) {
                            if (row.next()) {
                                holder = row.getObject(1, UUID.class);
                            }
                        }
                        if (holder != null) {
                            try (PreparedStatement done = db.prepareStatement(
                                    "update work_items set status = 'CLOSED', closed_at = now() where id = ?")) {
                                done.setObject(1, closing);
                                done.executeUpdate();
                            }
                            release.setObject(1, org.id());
                            release.setObject(2, holder);
                            release.executeUpdate();
                            closes.incrementAndGet();
                        }
                        db.commit();
                    } catch (SQLException e) {
                        db.rollback();
                        if (!"40P01".equals(e.getSQLState())) {
                            throw e;
                        }
                        // the same lock-order deadlock as above, met by a close: rolled back whole; close it later
                        deadlocks.incrementAndGet();
                        mine.add(closing);
                    } finally {
                        db.setAutoCommit(true);
                    }
                }
            }
        }
    }
}
