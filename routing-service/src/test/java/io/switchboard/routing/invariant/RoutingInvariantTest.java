package io.switchboard.routing.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, Done-when 1, at a bounded size for the default suite (two instances on one database, 16 openers;
 * {@link RoutingInvariantBenchmark} runs it at full size). Also the claim statement alone, without the
 * organization's lock, under 16 racing clients.
 */
class RoutingInvariantTest {

    private static RoutingCluster cluster;

    @BeforeAll
    static void start() {
        cluster = RoutingCluster.start("routing_invariant", 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoInstancesNeverOverAssignNeverDoubleAssignAndLeaveNothingAssignableQueued() throws Exception {
        var outcome = new InvariantRun(cluster, new InvariantRun.Size(2, 20, 1_000, 16, 0.5, 10, 10, 4)).run();
        System.out.println("invariant run (bounded): " + outcome);
        assertThat(outcome.opened()).isEqualTo(1_000);
        assertThat(outcome.finalStatus()).containsKeys("ASSIGNED", "CLOSED");
    }

    @Test
    void theClaimStatementAloneHoldsCapacityUnderSixteenRacingClients() throws Exception {
        var result = ClaimRace.run(cluster, 16, 150, 8, System.nanoTime());
        System.out.println("claim race: " + result.claims() + " claims, " + result.assigned() + " assigned, " + result.closes()
                + " closes, " + result.deadlocks() + " deadlocks retried, " + result.samples() + " samples");
        assertThat(result.violations()).isEmpty();
        assertThat(result.assigned()).isGreaterThan(0);
        assertThat(result.closes()).isGreaterThan(0);
    }

    @Test
    void theSamplerSeesAnOverAssignmentAndAWrongOpenCount() throws Exception {
        try (var db = cluster.jdbc()) {
            var org = RoutingFixture.uniform(db, 1, "SMS", 1, true, "ROUND_ROBIN");
            java.util.UUID agent = org.agents().get(0);
            try (var insert = db.prepareStatement("insert into work_items (id, org_id, kind, external_id, portal_id, client_id, channel, status, "
                    + "assignee_id, queue_seq, opened_at, assigned_at) values (?, ?, 'CONVERSATION', ?, ?, ?, 'SMS', 'ASSIGNED', ?, nextval('work_queue_seq'), now(), now())")) {
                for (int i = 0; i < 2; i++) {
                    java.util.UUID id = java.util.UUID.randomUUID();
                    insert.setObject(1, id);
                    insert.setObject(2, org.id());
                    insert.setString(3, "forged:" + id);
                    insert.setObject(4, org.portals().get(0));
                    insert.setObject(5, org.clients().get(0));
                    insert.setObject(6, agent);
                    insert.executeUpdate();
                }
            }
            assertThat(InvariantRun.overCapacityNow(db, java.util.Set.of(org.id()), "forged"))
                    .singleElement().asString().contains(agent.toString(), "holds 2 ASSIGNED, capacity 1, open_count 0");
        }
    }
}
